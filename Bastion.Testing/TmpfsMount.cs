namespace Bastion.Testing;

/// <summary>A small tmpfs mounted on a fresh directory, for disk-full drills (/work/shared/RECIPES.md §5): tmpfs has no
/// reserved blocks, so even root gets ENOSPC. Needs root (CAP_SYS_ADMIN); unmounted and removed on dispose.</summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static async Task<TmpfsMount> CreateAsync(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("bastion-tmpfs-").FullName;
        var mounted = await ToolRunner.RunAsync("/usr/bin/mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path]).WithTimeout();
        if (mounted.ExitCode != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"mount -t tmpfs failed (the disk-full tests run as root): {mounted.StandardError}");
        }

        return new TmpfsMount(path);
    }

    /// <summary>Writes <paramref name="name"/> until the file system is full; returns its path (delete it to free space).</summary>
    public async Task<string> FillAsync(string name = "fill")
    {
        var path = System.IO.Path.Combine(Path, name);
        var chunk = new byte[1024 * 1024];
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                await file.WriteAsync(chunk).AsTask().WithTimeout();
            }
        }
        catch (IOException)
        {
            // ENOSPC: full to the last megabyte; fill the rest a kilobyte at a time.
        }

        try
        {
            while (true)
            {
                await file.WriteAsync(chunk.AsMemory(0, 1024)).AsTask().WithTimeout();
            }
        }
        catch (IOException)
        {
        }

        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await ToolRunner.RunAsync("/usr/bin/umount", ["-l", Path]).WithTimeout();
        Directory.Delete(Path, recursive: true);
    }
}
