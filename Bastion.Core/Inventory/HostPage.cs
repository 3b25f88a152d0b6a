namespace Bastion.Core.Inventory;

/// <summary>One page of hosts by name, how many hosts match the query in all, and the cursor of the next page (the
/// last name on this one; null on the last page).</summary>
internal sealed record HostPage(IReadOnlyList<Host> Hosts, int Total, string? Next)
{
    public static readonly HostPage Empty = new([], 0, null);
}
