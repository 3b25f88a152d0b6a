using Bastion.Core.Access;
using Bastion.Core.Audit;

namespace Bastion.Web.Auth;

/// <summary>Audit events of a signed-in user's change to their own second factors: they are the actor, from the
/// request's address.</summary>
internal static class AccountAudit
{
    public static Task AppendOwnAsync(this IAuditLog log, HttpContext context, User user, string type, IReadOnlyDictionary<string, string?>? data, CancellationToken cancellationToken) =>
        log.AppendAsync(new AuditEvent
        {
            Type = type,
            Actor = user.UserName,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            Data = data ?? new Dictionary<string, string?>(),
        }, cancellationToken);
}
