using Bastion.Core.Inventory.Import;

namespace Bastion.Web.Inventory;

/// <summary>The reply to a CSV import: the counts and every line's outcome (<c>added</c>, <c>updated</c>,
/// <c>unchanged</c>, <c>rejected</c> with the reason), for the admin page's report.</summary>
internal sealed record CsvResult(int Added, int Updated, int Unchanged, int Rejected, List<CsvResult.LineDto> Lines)
{
    public sealed record LineDto(int Line, string Name, string Outcome, string? Reason);

    public static CsvResult From(HostImportReport report) => new(
        report.Count(HostImportOutcome.Added), report.Count(HostImportOutcome.Updated), report.Count(HostImportOutcome.Unchanged),
        report.Count(HostImportOutcome.Rejected),
        [.. report.Lines.Select(l => new LineDto(l.Line, l.Name, l.Outcome.ToString().ToLowerInvariant(), l.Reason))]);
}
