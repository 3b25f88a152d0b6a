using Bastion.Core.Files;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.Audit;

/// <summary>
/// A file of <see cref="AuditOptions.StorageReserveBytes"/> kept in the data directory, beside the SQLite database, so
/// that a full disk cannot lose <c>session.ended</c> (issue 13, choice (a): written before it is lost). When the disk
/// fills, the session that hit it ends; if its end cannot be written, the reserve is released and the write is retried
/// at once into the space it freed. The reserve comes back (<see cref="TryRestore"/>, from the readiness check and
/// each new session) once there is room for it twice over, so restoring it never fills the disk itself.
/// </summary>
internal sealed partial class StorageReserve(string path, long bytes, ILogger<StorageReserve> logger)
{
    public const string FileName = "storage-reserve";

    private readonly Lock _lock = new();

    public string Path { get; } = path;

    /// <summary>True while the reserve is in place (or disabled, 0 bytes): a full disk can still take a session's end.</summary>
    public bool IsHeld => bytes == 0 || (File.Exists(Path) && new FileInfo(Path).Length == bytes);

    /// <summary>Puts the reserve back when there is room for it twice over; false while the disk is still too full.</summary>
    public bool TryRestore()
    {
        lock (_lock)
        {
            if (IsHeld)
            {
                return true;
            }

            try
            {
                var directory = System.IO.Path.GetDirectoryName(Path)!;
                Directory.CreateDirectory(directory);
                if (new DriveInfo(directory).AvailableFreeSpace < 2 * bytes)
                {
                    return false;
                }

                // Random bytes, not zeros: a compressing or deduplicating file system (btrfs, ZFS) stores zeros in
                // almost no blocks, and deleting such a reserve would free nothing.
                AtomicFile.Write(Path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(checked((int)bytes)));
                LogRestored(bytes);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return false;
            }
        }
    }

    /// <summary>Deletes the reserve to make room for a write that a full disk refused; false when there was none to
    /// release (then the write cannot be helped).</summary>
    public bool Release()
    {
        lock (_lock)
        {
            if (bytes == 0 || !File.Exists(Path))
            {
                return false;
            }

            try
            {
                File.Delete(Path);
                LogReleased(bytes);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    [LoggerMessage(EventId = 1410, Level = LogLevel.Warning, Message = "The disk is full: released the {Bytes}-byte storage reserve to write session ends")]
    private partial void LogReleased(long bytes);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "Space returned: the {Bytes}-byte storage reserve is back in place")]
    private partial void LogRestored(long bytes);
}
