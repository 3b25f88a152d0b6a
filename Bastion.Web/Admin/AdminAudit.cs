using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Web.Admin;

/// <summary>Audit events for admin changes: who (from the token), what, and the before/after values. Callers pass
/// DTOs, which never carry secrets, so neither do the events.</summary>
internal static class AdminAudit
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static Task AppendAsync(this IAuditLog log, HttpContext context, string type, Guid? hostId, object? before, object? after, CancellationToken cancellationToken) =>
        log.AppendAsync(new AuditEvent
        {
            Type = type,
            Actor = context.User.FindFirst("name")?.Value,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            HostId = hostId,
            Data = new Dictionary<string, string?>
            {
                ["before"] = before is null ? null : JsonSerializer.Serialize(before, before.GetType(), s_json),
                ["after"] = after is null ? null : JsonSerializer.Serialize(after, after.GetType(), s_json),
            },
        }, cancellationToken);
}
