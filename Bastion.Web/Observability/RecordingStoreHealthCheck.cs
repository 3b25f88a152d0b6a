using Bastion.Core.Audit;
using Bastion.Core.Recording;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Observability;

/// <summary>
/// The recordings directory exists and takes a write (a probe file, deleted on close). Sessions are refused when a
/// recording cannot be created, so that is unhealthy; little free space is degraded, a warning before sessions end.
/// </summary>
internal sealed class RecordingStoreHealthCheck(IOptions<RecordingOptions> options) : IHealthCheck
{
    /// <summary>Below this, the store is reported degraded (a busy session writes megabytes a minute).</summary>
    public const long LowSpaceBytes = 256L * 1024 * 1024;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var directory = options.Value.Directory;
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".ready-{Guid.NewGuid():N}.probe");
            await using (var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                await file.WriteAsync(new byte[] { 1 }, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy(StorageFaults.IsStorageFull(ex)
                ? "the recordings disk is full: sessions end and new ones are refused until space is freed"
                : "the recordings directory cannot be written");
        }

        var free = FreeBytes(directory);
        return free is < LowSpaceBytes
            ? HealthCheckResult.Degraded($"the recordings directory has {free / (1024 * 1024)} MiB free")
            : HealthCheckResult.Healthy();
    }

    private static long? FreeBytes(string directory)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
