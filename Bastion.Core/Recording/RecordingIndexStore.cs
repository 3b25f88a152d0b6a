using System.Text.Json;
using Bastion.Core.Files;

namespace Bastion.Core.Recording;

/// <summary>
/// Gets the <see cref="RecordingIndex"/> of a recording: the one beside it (<c>&lt;file&gt;.idx</c>) when it is valid
/// for the file as it is now, else built anew and written atomically beside it. Built lazily, on the first request,
/// so recordings from before the index existed get one too; a recording still being written is re-indexed when it has
/// grown. At most <see cref="MaxConcurrentBuilds"/> builds run at once (each reads its whole recording).
/// </summary>
internal sealed class RecordingIndexStore : IDisposable
{
    /// <summary>Concurrent index builds, machine-wide for this process; further requests wait their turn.</summary>
    public const int MaxConcurrentBuilds = 2;

    /// <summary>Bound on an index file read back (a valid index of a capped recording is far smaller).</summary>
    public const long MaxIndexBytes = 64L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _builds = new(MaxConcurrentBuilds);

    public void Dispose() => _builds.Dispose();

    public static string IndexPathOf(string recordingPath) => recordingPath + ".idx";

    public async Task<RecordingIndex> GetAsync(string recordingPath, CancellationToken cancellationToken)
    {
        var info = new FileInfo(recordingPath);
        var modifiedMs = new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds();
        if (TryRead(IndexPathOf(recordingPath), info.Length, modifiedMs) is { } cached)
        {
            return cached;
        }

        await _builds.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Build(recordingPath, info.Length, modifiedMs, cancellationToken), cancellationToken);
        }
        finally
        {
            _builds.Release();
        }
    }

    private static RecordingIndex Build(string recordingPath, long length, long modifiedMs, CancellationToken cancellationToken)
    {
        RecordingIndex index;
        using (var stream = new FileStream(recordingPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan))
        {
            index = RecordingIndexBuilder.Build(stream, modifiedMs, cancellationToken);
        }

        // Only a complete, unchanged recording's index is kept: one still growing is indexed again next time.
        if (index.Size == length)
        {
            try
            {
                AtomicFile.Write(IndexPathOf(recordingPath), JsonSerializer.SerializeToUtf8Bytes(index, Json));
            }
            catch (IOException)
            {
                // A full disk or a read-only store: serve the index without keeping it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return index;
    }

    /// <summary>The stored index if it parses, is this version, matches the file's length and time, and its keyframes
    /// are in order inside the file; otherwise null (it is rebuilt).</summary>
    internal static RecordingIndex? TryRead(string indexPath, long length, long modifiedMs)
    {
        try
        {
            var file = new FileInfo(indexPath);
            if (!file.Exists || file.Length > MaxIndexBytes)
            {
                return null;
            }

            var index = JsonSerializer.Deserialize<RecordingIndex>(File.ReadAllBytes(indexPath), Json);
            return index is not null && IsValid(index, length, modifiedMs) ? index : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static bool IsValid(RecordingIndex index, long length, long modifiedMs)
    {
        if (index.Version != RecordingIndex.CurrentVersion || index.Size != length || index.ModifiedMs != modifiedMs
            || index.Cols <= 0 || index.Rows <= 0 || !double.IsFinite(index.Duration) || index.Keyframes is null || index.Gaps is null)
        {
            return false;
        }

        long previousOffset = -1;
        var previousTime = double.NegativeInfinity;
        foreach (var k in index.Keyframes)
        {
            if (k is null || k.Offset <= previousOffset || k.Offset >= length || !(k.Time > previousTime) || k.Cols <= 0 || k.Rows <= 0)
            {
                return false;
            }

            previousOffset = k.Offset;
            previousTime = k.Time;
        }

        return index.Gaps.Count <= RecordingIndexBuilder.MaxGaps && index.Gaps.All(g => g is { Length: 2 } && double.IsFinite(g[0]) && g[1] > 0);
    }
}
