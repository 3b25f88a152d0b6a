using System.Text.Json;
using Bastion.Core.Files;

namespace Bastion.Core.Recording;

/// <summary>
/// Gets the <see cref="RecordingIndex"/> of a recording: the one beside it (<c>&lt;file&gt;.idx</c>) when it is valid
/// for the file as it is now, else built anew and written atomically beside it. Built lazily, on the first request,
/// so recordings from before the index existed get one too; a recording still being written is indexed on from where
/// its stored index ended when it has grown. At most <see cref="MaxConcurrentBuilds"/> builds run at once (a first
/// build reads its whole recording).
/// </summary>
internal sealed class RecordingIndexStore : IDisposable
{
    /// <summary>Concurrent index builds, machine-wide for this process; further requests wait their turn.</summary>
    public const int MaxConcurrentBuilds = 2;

    /// <summary>Bound on an index file read back (a valid index of a capped recording is far smaller).</summary>
    public const long MaxIndexBytes = 64L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _builds = new(MaxConcurrentBuilds);
    private long _bytesIndexed;

    public void Dispose() => _builds.Dispose();

    public static string IndexPathOf(string recordingPath) => recordingPath + ".idx";

    /// <summary>Bytes of recordings read by index builds so far (a test seam: a grown recording is read only from
    /// where its index ended).</summary>
    internal long BytesIndexed => Interlocked.Read(ref _bytesIndexed);

    public async Task<RecordingIndex> GetAsync(string recordingPath, CancellationToken cancellationToken)
    {
        var info = new FileInfo(recordingPath);
        var modifiedMs = new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds();
        var stored = TryReadStored(IndexPathOf(recordingPath), info.Length);
        if (stored is not null && stored.Size == info.Length && stored.ModifiedMs == modifiedMs)
        {
            return stored;
        }

        await _builds.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Build(recordingPath, stored, modifiedMs, cancellationToken), cancellationToken);
        }
        finally
        {
            _builds.Release();
        }
    }

    private RecordingIndex Build(string recordingPath, RecordingIndex? stored, long modifiedMs, CancellationToken cancellationToken)
    {
        RecordingIndex index;
        using (var stream = new FileStream(recordingPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan))
        {
            var resumeFrom = stored is not null && EndsALine(stream, stored.Size) ? stored : null;
            stream.Position = resumeFrom?.Size ?? 0;
            index = RecordingIndexBuilder.Build(stream, modifiedMs, resumeFrom, cancellationToken);
            Interlocked.Add(ref _bytesIndexed, stream.Position - (resumeFrom?.Size ?? 0));
        }

        // Kept even while the recording grows: the next request indexes on from the end of this one.
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

        return index;
    }

    /// <summary>True when the byte before <paramref name="offset"/> is a newline: an earlier build stopped at a line
    /// start there (recordings only grow, so that part of the file is what it indexed).</summary>
    private static bool EndsALine(FileStream stream, long offset)
    {
        if (offset <= 0 || offset > stream.Length)
        {
            return false;
        }

        stream.Position = offset - 1;
        return stream.ReadByte() == '\n';
    }

    /// <summary>The stored index if it parses, is this version, covers no more than the file's
    /// <paramref name="length"/> and its keyframes are in order inside what it covers; otherwise null.</summary>
    private static RecordingIndex? TryReadStored(string indexPath, long length)
    {
        var index = TryParse(indexPath);
        return index is not null && index.Size <= length && IsValid(index, index.Size, index.ModifiedMs) ? index : null;
    }

    /// <summary>The stored index if it parses, is this version, matches the file's length and time, and its keyframes
    /// are in order inside the file; otherwise null (it is rebuilt).</summary>
    internal static RecordingIndex? TryRead(string indexPath, long length, long modifiedMs) =>
        TryParse(indexPath) is { } index && IsValid(index, length, modifiedMs) ? index : null;

    private static RecordingIndex? TryParse(string indexPath)
    {
        try
        {
            var file = new FileInfo(indexPath);
            if (!file.Exists || file.Length > MaxIndexBytes)
            {
                return null;
            }

            return JsonSerializer.Deserialize<RecordingIndex>(File.ReadAllBytes(indexPath), Json);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static bool IsValid(RecordingIndex index, long length, long modifiedMs)
    {
        if (index.Version != RecordingIndex.CurrentVersion || index.Size != length || index.ModifiedMs != modifiedMs
            || index.Cols <= 0 || index.Rows <= 0 || index.EndCols <= 0 || index.EndRows <= 0 || !double.IsFinite(index.Duration) || index.Keyframes is null || index.Gaps is null)
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
