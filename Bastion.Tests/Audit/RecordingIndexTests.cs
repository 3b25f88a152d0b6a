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
}
