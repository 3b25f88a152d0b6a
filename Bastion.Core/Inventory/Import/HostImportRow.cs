namespace Bastion.Core.Inventory.Import;

/// <summary>One line of a host import as the web layer parsed it: the host's fields, or why the line is unusable.
/// <see cref="Enabled"/> is null when the file has no <c>enabled</c> cell for the line (an update then keeps it).</summary>
internal sealed record HostImportRow(int Line, string Name, HostChanges? Changes, bool? Enabled, IReadOnlyList<HostImportProblem>? Problems);
