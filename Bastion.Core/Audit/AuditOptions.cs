namespace Bastion.Core.Audit;

/// <summary>Configuration section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Events older than this many days are pruned from the start of the chain; 0 keeps everything.</summary>
    public int RetentionDays { get; set; }

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Bytes kept free in the data directory (the <c>storage-reserve</c> file) for writing the ends of sessions
    /// that a full disk stopped (issue 13); 0 disables it. 2 MiB holds a few hundred ends.</summary>
    public long StorageReserveBytes { get; set; } = 2L * 1024 * 1024;
}
