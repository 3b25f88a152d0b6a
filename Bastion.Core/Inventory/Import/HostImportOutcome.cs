namespace Bastion.Core.Inventory.Import;

/// <summary>What happened to one line of a host import.</summary>
internal enum HostImportOutcome
{
    Added,
    Updated,
    Unchanged,
    Rejected,
}
