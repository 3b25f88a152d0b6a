using System.Text;
using Bastion.Core.Recording;

namespace Bastion.Tests.Audit;

public sealed class RecordingIndexTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-index-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Cast(IEnumerable<string> events) =>
        "{\"version\":2,\"width\":100,\"height\":30}\n" + string.Concat(events.Select(e => e + "\n"));

    [Fact]
    public void Build_ListsKeyframesAtEventLines_WithSizeAndScreen_AndTheIdleGaps()
    {
        var events = new List<string> { "[0.5,\"o\",\"$ \"]", "[1.0,\"i\",\"x\"]", "[9.0,\"o\",\"\\u001b[?1049hvim\"]", "[9.5,\"r\",\"120x40\"]" };
        var big = new string('a', 1000);
        for (var i = 0; i < 1200; i++)
        {
            events.Add($"[{10 + (i * 0.01):0.00},\"o\",\"{big}\"]");
        }

        events.Add("[30.0,\"o\",\"\\u001b[?1049l$ \"]");
        var bytes = Encoding.UTF8.GetBytes(Cast(events));

        var index = RecordingIndexBuilder.Build(new MemoryStream(bytes), 42);

        Assert.Equal((100, 30, (long)bytes.Length, 30.0), (index.Cols, index.Rows, index.Size, index.Duration));
        Assert.True(index.Keyframes.Count >= 2, $"{index.Keyframes.Count} keyframes");
        Assert.All(index.Keyframes, k => Assert.Equal((byte)'[', bytes[k.Offset]));
        Assert.Equal(0.5, index.Keyframes[0].Time);
        Assert.False(index.Keyframes[0].Alt);
        var later = index.Keyframes[1];
        Assert.True(later.Alt);
        Assert.Equal((120, 40), (later.Cols, later.Rows));
        // Gaps between shown events: 0.5 → 9.0 (the input at 1.0 does not count), 21.99 → 30.
        Assert.Equal(2, index.Gaps.Count);
        Assert.Equal([0.5, 8.5], index.Gaps[0]);
        Assert.Equal(21.99, index.Gaps[1][0], 6);
    }

    [Fact]
    public void Build_SkipsACutOffLastLine_AndBadLines()
    {
        var bytes = Encoding.UTF8.GetBytes(Cast(["[0.5,\"o\",\"a\"]", "not an event", "[2.5,\"o\",\"b\"]"]) + "[3.0,\"o\",\"cut of");

        var index = RecordingIndexBuilder.Build(new MemoryStream(bytes), 0);

        Assert.Equal(2.5, index.Duration);
        Assert.Equal(bytes.Length - "[3.0,\"o\",\"cut of".Length, index.Size);
        Assert.Equal([0.5, 2.0], Assert.Single(index.Gaps));
    }

    [Fact]
    public async Task Store_WritesTheIndexBeside_AndRebuildsItWhenTheRecordingGrowsOrTheIndexIsBad()
    {
        var path = Path.Combine(_dir, "s.cast");
        await File.WriteAllTextAsync(path, Cast(["[0.5,\"o\",\"a\"]"]));
        using var store = new RecordingIndexStore();

        var first = await store.GetAsync(path, CancellationToken.None).WithTimeout();
        Assert.True(File.Exists(RecordingIndexStore.IndexPathOf(path)));
        Assert.Equal(0.5, first.Duration);

        await File.AppendAllTextAsync(path, "[4.0,\"o\",\"b\"]\n");
        Assert.Equal(4.0, (await store.GetAsync(path, CancellationToken.None).WithTimeout()).Duration);

        await File.WriteAllTextAsync(RecordingIndexStore.IndexPathOf(path), "{\"version\":1,\"size\":");
        Assert.Equal(4.0, (await store.GetAsync(path, CancellationToken.None).WithTimeout()).Duration);
        var info = new FileInfo(path);
        Assert.NotNull(RecordingIndexStore.TryRead(RecordingIndexStore.IndexPathOf(path), info.Length, new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void Build_ResumedWhereAnEarlierBuildStopped_GivesTheIndexOfABuildFromTheStart()
    {
        var events = new List<string> { "[0.5,\"o\",\"$ \"]" };
        var big = new string('a', 1000);
        for (var i = 0; i < 3000; i++)
        {
            var data = i switch { 700 => "\\u001b[?1049h" + big, 1500 => "\\u001b[?1049l" + big, _ => big };
            events.Add(i == 1200 ? "[20.0,\"r\",\"132x50\"]" : $"[{(i < 2000 ? 10 : 40) + (i * 0.001):0.000},\"o\",\"{data}\"]");
        }

        var bytes = Encoding.UTF8.GetBytes(Cast(events));
        var whole = RecordingIndexBuilder.Build(new MemoryStream(bytes), 7);

        // The recording as it grew: cut at three points, one of them inside a line.
        RecordingIndex? resumed = null;
        foreach (var cut in new[] { bytes.Length / 5, (bytes.Length / 2) + 17, bytes.Length })
        {
            var stream = new MemoryStream(bytes, 0, cut) { Position = resumed?.Size ?? 0 };
            resumed = RecordingIndexBuilder.Build(stream, 7, resumed);
        }

        Assert.NotNull(resumed);
        Assert.True(whole.Keyframes.Count >= 5, $"{whole.Keyframes.Count} keyframes");
        Assert.Equal(whole.Keyframes, resumed.Keyframes);
        Assert.Equal(whole.Gaps.Select(g => (g[0], g[1])), resumed.Gaps.Select(g => (g[0], g[1])));
        Assert.Equal((whole.Size, whole.Duration, whole.Cols, whole.Rows), (resumed.Size, resumed.Duration, resumed.Cols, resumed.Rows));
        Assert.Equal((132, 50, false), (resumed.EndCols, resumed.EndRows, resumed.EndAlt));
    }

    [Fact]
    public async Task Store_IndexesAGrowingRecordingOnFromWhereItsIndexEnded()
    {
        var path = Path.Combine(_dir, "live.cast");
        var line = "[1.0,\"o\",\"" + new string('x', 4000) + "\"]\n";
        await File.WriteAllTextAsync(path, Cast([]) + string.Concat(Enumerable.Repeat(line, 500)) + "[2.0,\"o\",\"cut");
        using var store = new RecordingIndexStore();

        var first = await store.GetAsync(path, CancellationToken.None).WithTimeout();
        var afterFirst = store.BytesIndexed;
        Assert.Equal(new FileInfo(path).Length, afterFirst);

        // The recorder finishes the cut line and writes one more.
        await File.AppendAllTextAsync(path, "\"]\n[9.0,\"o\",\"end\"]\n");
        var second = await store.GetAsync(path, CancellationToken.None).WithTimeout();

        Assert.Equal(9.0, second.Duration);
        Assert.Equal(new FileInfo(path).Length, second.Size);
        Assert.True(store.BytesIndexed - afterFirst < 100, $"read {store.BytesIndexed - afterFirst} bytes again (first build: {afterFirst})");
        await using var full = File.OpenRead(path);
        var rebuilt = RecordingIndexBuilder.Build(full, second.ModifiedMs);
        Assert.Equal(rebuilt.Keyframes, second.Keyframes);
        Assert.Equal((rebuilt.Size, rebuilt.Duration), (second.Size, second.Duration));
        Assert.Equal(1.0, first.Duration);
    }
}
