namespace Bastion.Core.Inventory.Import;

/// <summary>The outcome of a whole import, line by line, with the hosts it added and updated (for the audit event).</summary>
internal sealed record HostImportReport(IReadOnlyList<HostImportLine> Lines)
{
    public int Count(HostImportOutcome outcome) => Lines.Count(l => l.Outcome == outcome);

    public IEnumerable<string> Names(HostImportOutcome outcome) => Lines.Where(l => l.Outcome == outcome).Select(l => l.Name);
}
