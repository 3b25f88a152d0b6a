using System.Globalization;
using System.Text;
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
        var lines = await WriteFloodAsync(path, 3 * 1024 * 1024);
        var store = new BatchRecordingSearchStore();
        var passes = 0;
        IndexPass pass;
        do
        {
            pass = await RecordingIndexer.IndexAsync(store, "flood", path, ended: true, budgetBytes: 1024 * 1024, indexInput: false, CancellationToken.None)
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

    /// <summary>Base64 lines of 120 characters, 33 to an event, 10 ms apart (the bench's flood); returns the lines.</summary>
    private static async Task<List<string>> WriteFloodAsync(string path, long size)
    {
        var random = new Random(7);
        var lines = new List<string>();
        var bytes = new byte[90];
        var text = new StringBuilder();
        await using var file = new StreamWriter(path, false, new UTF8Encoding(false));
        await file.WriteAsync("{\"version\":2,\"width\":120,\"height\":40}\n");
        long written = 0;
        for (var i = 0; written < size; i++)
        {
            text.Clear();
            for (var line = 0; line < 33; line++)
            {
                random.NextBytes(bytes);
                lines.Add(Convert.ToBase64String(bytes));
                text.Append(lines[^1]).Append("\\r\\n");
            }

            var row = string.Create(CultureInfo.InvariantCulture, $"[{i * 0.01:F3}, \"o\", \"{text}\"]\n");
            await file.WriteAsync(row);
            written += row.Length;
        }

        return lines;
    }
}
