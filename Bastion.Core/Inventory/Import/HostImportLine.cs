namespace Bastion.Core.Inventory.Import;

/// <summary>The report for one line: its number in the file, the host name it gave, the outcome and, for a rejected
/// line, why.</summary>
internal sealed record HostImportLine(int Line, string Name, HostImportOutcome Outcome, string? Reason);
