namespace Bastion.Core.Transfer;

/// <summary>File transfer over SFTP through a live terminal session (issue 14), section <c>Transfer</c>.</summary>
internal sealed record TransferOptions
{
    public const string SectionName = "Transfer";

    /// <summary>Whether a grant that does not say otherwise (every grant made before the flags existed, and new ones
    /// that leave them out) allows upload and download. Admins, who need no grant, follow it too.</summary>
    public bool DefaultAllow { get; init; } = true;

    /// <summary>The largest file that may be uploaded or downloaded; a larger one is refused with <c>too_large</c>
    /// (an upload that turns out larger while streaming is stopped and removed).</summary>
    public long MaxFileBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>How long one SFTP request (open, stat, one read or write) may take before the operation fails.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most entries a directory listing returns; the rest are cut and the listing says so.</summary>
    public int MaxListEntries { get; init; } = 5000;

    /// <summary>How far a listing counts past <see cref="MaxListEntries"/>: counting a huge directory's entries means
    /// reading every one of them from the host (time, not memory), so past this count the listing stops reading and
    /// says there are more than this many.</summary>
    public int MaxListCount { get; init; } = 50_000;

    /// <summary>How long a session's SFTP connection stays open with no file request; the next request opens it again.</summary>
    public TimeSpan IdleClose { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The most file requests of one session that use its SFTP connection at once; more wait for a place
    /// (policy: wait, bounded by the request's own cancellation).</summary>
    public int MaxConcurrentPerSession { get; init; } = 4;

    /// <summary>A connection unused for this long is checked with one SFTP request before it is lent again (SSH.NET's
    /// <c>IsConnected</c> knows only what it has noticed); a dead one is replaced.</summary>
    public TimeSpan ProbeAfterIdle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Keep a copy of every file uploaded or downloaded, for auditors (<see cref="KeptCopies"/>). Off by default.</summary>
    public bool KeepCopies { get; init; }

    /// <summary>The largest file of which a copy is kept; a larger transfer goes on without one (<c>copyKept=false</c>).</summary>
    public long KeepCopiesMaxFileBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>The most bytes all kept copies together may take; when full, new transfers go on without a copy.</summary>
    public long KeepCopiesMaxTotalBytes { get; init; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Where copies are kept; empty means <c>transfer-copies</c> under the data directory (set at start-up).</summary>
    public string KeepCopiesDirectory { get; set; } = "";
}
