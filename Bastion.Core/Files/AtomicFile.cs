using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Bastion.Core.Files;

/// <summary>
/// Writes the files Bastion keeps for itself (keys, cursors, metadata) so that a crash or a full disk leaves either the
/// old file or the complete new one, never a torn or empty one: a temp file beside the target (owner-only from
/// creation), written and fsynced, renamed over the target, then the directory fsynced so the rename is durable.
/// A failed write deletes the temp file and leaves the target as it was.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Owner read/write: nobody else on the machine reads a key or a cursor.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        FsyncDirectory(directory);
    }

    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        Task.Run(() => Write(path, content.Span), cancellationToken);

    /// <summary>Reads a key file and refuses it when it is shorter than <paramref name="minimumBytes"/> (a write cut off
    /// by a full disk leaves 0 bytes) or readable by others; the message names the file and the fix.</summary>
    public static byte[] ReadKey(string path, int minimumBytes, Func<byte[], byte[]>? decode = null)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            bytes = decode is null ? bytes : decode(bytes);
        }
        catch (FormatException)
        {
            throw new InvalidKeyFileException(path, $"{path} is not a valid key file (it does not decode). Fix: restore it from a backup, or delete it to have Bastion create a new one (whatever it signed can then no longer be checked).");
        }

        if (bytes.Length < minimumBytes)
        {
            throw new InvalidKeyFileException(path, $"{path} holds {bytes.Length} bytes of key, fewer than the {minimumBytes} required (a write cut short, e.g. by a full disk, leaves it short). Fix: restore it from a backup, or delete it to have Bastion create a new one (whatever the old key signed can then no longer be checked).");
        }

        return bytes;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>fsync(2) on the directory makes the rename itself durable (POSIX: a rename is a directory write).</summary>
    private static void FsyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // DllImport rather than LibraryImport: the generator needs unsafe blocks, and these three calls take only an
    // ASCII/UTF-8 path and ints.
#pragma warning disable SYSLIB1054, CA2101
    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
#pragma warning restore SYSLIB1054, CA2101
}
