namespace Bastion.Core.Audit.Export;

/// <summary>
/// How far an export has delivered the audit chain: the last event written and acknowledged, by sequence and hash.
/// In the database (not a file) so that whichever node holds the export lease continues where the last one stopped.
/// The hash lets the exporter notice a cursor that does not belong to this chain (a database restored or replaced).
/// </summary>
internal sealed class AuditExportCursor
{
    /// <summary>The export's name (<see cref="AuditExportCursorStore.Syslog"/>).</summary>
    public required string Name { get; set; }

    public long Sequence { get; set; }

    public required string Hash { get; set; }

    public long UpdatedMs { get; set; }
}
