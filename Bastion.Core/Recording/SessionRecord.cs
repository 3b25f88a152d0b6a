namespace Bastion.Core.Recording;

/// <summary>
/// One terminal session, for the sessions list and the player. The audit chain is the evidence; this table is an
/// index over it (written in the same places, with the same values) that is cheap to list and filter.
/// </summary>
internal sealed class SessionRecord
{
    public required string Id { get; set; }

    public required string UserName { get; set; }

    public Guid HostId { get; set; }

    public required string HostName { get; set; }

    public required string Login { get; set; }

    public string? ClientAddress { get; set; }

    public int Cols { get; set; }

    public int Rows { get; set; }

    public long StartedMs { get; set; }

    /// <summary>Null while the session runs (or until startup recovery marks a crashed one).</summary>
    public long? EndedMs { get; set; }

    public string? EndReason { get; set; }

    public long BytesIn { get; set; }

    public long BytesOut { get; set; }

    public int? ExitStatus { get; set; }

    /// <summary>The recording's file name under <c>&lt;dataDir&gt;/recordings/</c>.</summary>
    public required string RecordingFile { get; set; }

    public string? RecordingSha256 { get; set; }
}
