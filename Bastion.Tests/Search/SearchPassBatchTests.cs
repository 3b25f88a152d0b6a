using Bastion.Core.Recording.Search;

namespace Bastion.Tests.Search;

/// <summary>Issue 12: a pass writes its rows into its transaction a bounded batch at a time, so a flood's rows are not
/// all held in memory until the pass ends (they were: 1 MiB of recording, about 2 MB of strings, promoted by the
/// flood's collections); and cutting a pass into batches loses and repeats nothing.</summary>
public sealed class SearchPassBatchTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bastion-pass-batch-").FullName;

    [Fact]
    public async Task APass_HandsItsRowsOverInBatches_AndEveryLineIsIndexedOnce()
    {
        var path = Path.Combine(_directory, "flood.cast");
        var lines = new List<string>();
        await CastFlood.WriteAsync(path, 3 * 1024 * 1024, seed: 7, line: lines.Add);
        var store = new BatchRecordingSearchStore();
        var passes = 0;
        IndexPass pass;
        do
        {
            // Every line as it was cut, the filter off (SearchTextFilterTests has the filter): this is about the batches.
            pass = await RecordingIndexer.IndexAsync(
                    store, "flood", path, ended: true, budgetBytes: 1024 * 1024, indexInput: false, CancellationToken.None, SearchTextRules.None)
                .WithTimeout();
            passes++;
        }
        while (pass != IndexPass.Completed && passes < 20);

        Assert.Equal(IndexPass.Completed, pass);
        Assert.True(passes >= 3, $"{passes} passes");
        // A batch's text is at most the recording it was read from (the tail reader stops after the 64 KiB read that
        // reaches BatchBytes: 128 KiB), plus the bucket that was open when it began; far below the pass's 1 MiB.
        const long bound = 256 * 1024;
        Assert.True(store.LargestBatchChars <= bound, $"one batch carried {store.LargestBatchChars} characters (bound {bound})");
        var indexed = store.Committed.SelectMany(c => c.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(lines.Count, indexed.Count);
        Assert.Equal(lines.ToHashSet(StringComparer.Ordinal), indexed.ToHashSet(StringComparer.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
