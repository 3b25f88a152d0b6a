using Bastion.Core.Audit.Export;
using Bastion.Core.Files;

namespace Bastion.Web.AuditApi.Syslog;

/// <summary>An exclusive lock on a file beside the SQLite database (.NET takes <c>flock</c> for <see cref="FileShare.None"/>),
/// so processes sharing that database export once; the kernel releases it when the process ends.</summary>
internal sealed class FileExportLease(FileStream file) : IExportLease
{
    public static IExportLease? TryTake(string path)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = AtomicFile.OwnerOnly;
            }

            return new FileExportLease(new FileStream(path, options));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public Task<bool> StillHeldAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public ValueTask DisposeAsync() => file.DisposeAsync();
}
