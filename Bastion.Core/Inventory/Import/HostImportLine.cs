namespace Bastion.Core.Inventory.Import;

/// <summary>The report for one line: its number in the file, the host name it gave, the outcome and, for a rejected
/// line, why (each problem as a code with its values; <see cref="Reason"/> is them in English).</summary>
internal sealed record HostImportLine(int Line, string Name, HostImportOutcome Outcome, IReadOnlyList<HostImportProblem>? Problems)
{
    public string? Reason => Problems is null ? null : string.Join("; ", Problems.Select(p => p.Message));
}
