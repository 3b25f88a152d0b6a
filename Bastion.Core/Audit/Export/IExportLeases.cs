namespace Bastion.Core.Audit.Export;

/// <summary>Takes the export lease if no other node holds it.</summary>
internal interface IExportLeases
{
    /// <summary>The lease, or null while another node holds it.</summary>
    Task<IExportLease?> TryTakeAsync(string name, CancellationToken cancellationToken);
}
