using Bastion.Core.Access;
using Bastion.Core.Audit;

namespace Bastion.Web.Auth;

/// <summary>Counts a failed password or second factor against its account and audits a lock it starts.</summary>
internal static class LockoutAudit
{
    public static async Task CountFailureAsync(LoginLockouts lockouts, IAuditLog audit, string userName, string? ip, CancellationToken cancellationToken)
    {
        if (await lockouts.RecordFailureAsync(userName, cancellationToken) is { } duration)
        {
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.LockoutStarted,
                ClientAddress = ip,
                Data = new Dictionary<string, string?>
                {
                    ["user"] = LoginLockouts.Normalize(userName),
                    ["seconds"] = ((int)duration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            }, cancellationToken);
        }
    }
}
