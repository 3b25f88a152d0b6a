using System.Globalization;
using Bastion.Core.Audit;

namespace Bastion.Core.Recording;

/// <summary>
/// What <c>session.ended</c> says, whoever writes it: <see cref="SessionAuditor"/> when a session ends, and
/// <see cref="SessionRecovery"/> for a session that a crash or a lost node left open. One shape, so a reader of the
/// audit log finds the same fields either way (docs/AUDIT.md); a value a writer cannot know is null.
/// </summary>
internal sealed record SessionEnded
{
    public required string SessionId { get; init; }

    public required string UserName { get; init; }

    public required Guid HostId { get; init; }

    public string? ClientAddress { get; init; }

    public required string Reason { get; init; }

    public string? Detail { get; init; }

    public string? KilledBy { get; init; }

    public required long DurationMs { get; init; }

    public required long BytesIn { get; init; }

    public required long BytesOut { get; init; }

    public int? ExitStatus { get; init; }

    public string? RecordingSha256 { get; init; }

    public required long RecordingBytes { get; init; }

    /// <summary>Characters the recorder had to leave out; null when unknown (recovered from the file).</summary>
    public long? RecordingSkippedChars { get; init; }

    public AuditEvent ToAuditEvent() => new()
    {
        Type = AuditEventTypes.SessionEnded,
        Actor = UserName,
        ClientAddress = ClientAddress,
        SessionId = SessionId,
        HostId = HostId,
        Data = new Dictionary<string, string?>
        {
            ["reason"] = Reason,
            ["detail"] = Detail,
            ["killed_by"] = KilledBy,
            ["duration_ms"] = Invariant(DurationMs),
            ["bytes_in"] = Invariant(BytesIn),
            ["bytes_out"] = Invariant(BytesOut),
            ["exit_status"] = ExitStatus?.ToString(CultureInfo.InvariantCulture),
            ["recording_sha256"] = RecordingSha256,
            ["recording_bytes"] = Invariant(RecordingBytes),
            ["recording_skipped_chars"] = RecordingSkippedChars?.ToString(CultureInfo.InvariantCulture),
        },
    };

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
