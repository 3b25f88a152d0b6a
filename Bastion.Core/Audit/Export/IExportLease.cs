namespace Bastion.Core.Audit.Export;

/// <summary>The right to export, held by one node at a time (a PostgreSQL advisory lock; a file lock beside a SQLite
/// database), so several nodes on one database send each event once, not once per node.</summary>
internal interface IExportLease : IAsyncDisposable
{
    /// <summary>False once the lease is lost (its database session ended): the exporter stops and tries to take it again.</summary>
    Task<bool> StillHeldAsync(CancellationToken cancellationToken);
}
