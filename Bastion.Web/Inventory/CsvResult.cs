using System.Text.Json.Serialization;
using Bastion.Core.Inventory.Import;

namespace Bastion.Web.Inventory;

/// <summary>The reply to a CSV import: the counts and every line's outcome (<c>added</c>, <c>updated</c>,
/// <c>unchanged</c>, <c>rejected</c>), for the admin page's report. A rejected line says why twice: <c>reason</c> in
/// English and <c>problems</c>, each a stable <c>code</c> (<see cref="HostImportCodes"/>) with the values it names, which
/// the page words in the user's language.</summary>
internal sealed record CsvResult(int Added, int Updated, int Unchanged, int Rejected, List<CsvResult.LineDto> Lines)
{
    public sealed record LineDto(
        int Line, string Name, string Outcome, string? Reason,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<ProblemDto>? Problems);

    public sealed record ProblemDto(string Code, IReadOnlyDictionary<string, string> Args);

    public static CsvResult From(HostImportReport report)
    {
        int added = 0, updated = 0, unchanged = 0, rejected = 0;
        var lines = new List<LineDto>(report.Lines.Count);
        foreach (var l in report.Lines)
        {
            switch (l.Outcome)
            {
                case HostImportOutcome.Added:
                    added++;
                    break;
                case HostImportOutcome.Updated:
                    updated++;
                    break;
                case HostImportOutcome.Unchanged:
                    unchanged++;
                    break;
                case HostImportOutcome.Rejected:
                    rejected++;
                    break;
            }

            lines.Add(new LineDto(l.Line, l.Name, OutcomeName(l.Outcome), l.Reason, l.Problems?.Select(p => new ProblemDto(p.Code, p.Args)).ToList()));
        }

        return new CsvResult(added, updated, unchanged, rejected, lines);
    }

    private static string OutcomeName(HostImportOutcome outcome) => outcome switch
    {
        HostImportOutcome.Added => "added",
        HostImportOutcome.Updated => "updated",
        HostImportOutcome.Unchanged => "unchanged",
        _ => "rejected",
    };
}
