namespace Bastion.Core.Audit;

/// <summary>
/// One stored audit event. Rows are only ever inserted (and pruned from the start by retention); <see cref="Hash"/>
/// is SHA-256 over <see cref="AuditCanonical"/> of this row, which includes <see cref="PrevHash"/>, so editing,
/// deleting or reordering a row breaks the chain from that row on.
/// </summary>
internal sealed class AuditRecord
{
    /// <summary>1, 2, 3... with no gaps; part of the hashed encoding.</summary>
    public long Sequence { get; set; }

    /// <summary>Unix time in milliseconds (an integer, so it round-trips exactly through every provider).</summary>
    public long TimeMs { get; set; }

    public required string Type { get; set; }

    public string? Actor { get; set; }

    public string? ClientAddress { get; set; }

    public string? SessionId { get; set; }

    public Guid? HostId { get; set; }

    /// <summary>Event-specific values as a JSON object with keys in ordinal order; hashed exactly as stored.</summary>
    public required string DataJson { get; set; }

    /// <summary>Lower-case hex SHA-256 of the previous row, or 64 zeros for the first (or the checkpoint's).</summary>
    public required string PrevHash { get; set; }

    public required string Hash { get; set; }
}
