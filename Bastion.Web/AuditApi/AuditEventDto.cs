using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Web.AuditApi;

internal sealed record AuditEventDto(
    long Sequence, DateTimeOffset Time, string Type, string? Actor, string? ClientAddress, string? SessionId, Guid? HostId,
    JsonElement Data, string PrevHash, string Hash)
{
    public static AuditEventDto From(AuditRecord r)
    {
        using var data = JsonDocument.Parse(r.DataJson);
        return new AuditEventDto(
            r.Sequence, DateTimeOffset.FromUnixTimeMilliseconds(r.TimeMs), r.Type, r.Actor, r.ClientAddress, r.SessionId, r.HostId,
            data.RootElement.Clone(), r.PrevHash, r.Hash);
    }
}
