namespace Bastion.Core.Inventory.Import;

/// <summary>Where an import is: its lines checked cell by cell, then written (issue 14's progress indicator).</summary>
internal enum HostImportPhase
{
    Checking,
    Writing,
}
