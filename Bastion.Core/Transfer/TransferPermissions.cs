namespace Bastion.Core.Transfer;

/// <summary>What a user may do with files on a host now. Browsing needs either right; creating folders, renaming and
/// deleting change the host's files, so they need upload: a download-only grant is read-only.</summary>
internal sealed record TransferPermissions(bool Upload, bool Download)
{
    public bool Browse => Upload || Download;
}
