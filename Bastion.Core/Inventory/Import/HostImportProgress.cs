namespace Bastion.Core.Inventory.Import;

/// <summary>Told after each batch of an import: <paramref name="done"/> of <paramref name="total"/> lines are through
/// <paramref name="phase"/>. Awaited before the next batch, so a slow listener slows the import rather than queueing
/// reports (at most one per <see cref="HostImporter.BatchSize"/> lines).</summary>
internal delegate ValueTask HostImportProgress(HostImportPhase phase, int done, int total, CancellationToken cancellationToken);
