using Bastion.Core.Recording;

namespace Bastion.Web.AuditApi;

internal sealed record SessionDto(
    string Id, string User, Guid HostId, string HostName, string Login, string? ClientAddress, int Cols, int Rows,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long? DurationMs, bool Active, string? EndReason,
    long BytesIn, long BytesOut, int? ExitStatus, string? RecordingSha256, bool? Detached = null)
{
    public static SessionDto From(SessionRecord s) => new(
        s.Id, s.UserName, s.HostId, s.HostName, s.Login, s.ClientAddress, s.Cols, s.Rows,
        DateTimeOffset.FromUnixTimeMilliseconds(s.StartedMs),
        s.EndedMs is { } ended ? DateTimeOffset.FromUnixTimeMilliseconds(ended) : null,
        s.EndedMs - s.StartedMs, s.EndedMs is null, s.EndReason, s.BytesIn, s.BytesOut, s.ExitStatus, s.RecordingSha256);
}

internal sealed record SessionCommandDto(long Sequence, DateTimeOffset Time, double Offset, string Line);

internal sealed record SessionDetail(SessionDto Session, IReadOnlyList<SessionCommandDto> Commands);
