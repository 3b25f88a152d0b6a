using Bastion.Core.Recording.Search;
using Xunit.Abstractions;

namespace Bastion.Tests.Search;

/// <summary>
/// Issue 12: the managed bytes a pass allocates per byte of recording it indexes (the runtime's own counter), without
/// the database: the tail reader, the ANSI stripper and the bucketer. A row's text is one <c>string</c> (2 bytes per
/// character) because the database's client binds strings; what else a pass allocated per byte (a 64 KiB line buffer
/// per read, a bucket builder that reallocated its chunks per row) was the index's share of the flood's garbage.
/// Runs alone (the SQLite memory collection), so no other test's allocations show in the process-wide counter.
/// With the text filter on (the default, <see cref="SearchTextFilter"/>) the flood's random lines make no row strings
/// at all, so a pass allocates a small fraction of that; the filter itself allocates nothing per token.
/// </summary>
[Collection(SqliteMemoryCollectionDefinition.Name)]
public sealed class SearchPassAllocationTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The row strings (2 bytes per character, about 1.9 per byte of this recording) and a little besides
    /// (2.09 seen; 2.55 with a 64 KiB line buffer per read).</summary>
    private const double BytesPerByteBound = 2.3;

    /// <summary>The same with the filter on: what the reader and the stripper allocate, and the few rows left.</summary>
    private const double FilteredBytesPerByteBound = 0.3;

    private readonly string _directory = Directory.CreateTempSubdirectory("bastion-pass-alloc-").FullName;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IndexingAFlood_AllocatesLittleMoreThanItsRows(bool filtered)
    {
        var rules = filtered ? SearchTextRules.Default : SearchTextRules.None;
        var path = Path.Combine(_directory, "flood.cast");
        await CastFlood.WriteAsync(path, 4 * 1024 * 1024, seed: 11, before: i => $"\\u001b[3{i % 8}m"); // coloured, as the bench's flood
        // A first pass over another copy warms up what is allocated once (the JIT, the pools).
        var warm = Path.Combine(_directory, "warm.cast");
        File.Copy(path, warm);
        await IndexAllAsync(new BatchRecordingSearchStore(), warm, rules);

        var store = new BatchRecordingSearchStore();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await IndexAllAsync(store, path, rules);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var length = new FileInfo(path).Length;
        var rowBytes = store.Committed.Sum(c => 2L * c.Text.Length);
        var perByte = (double)allocated / length;
        var bound = filtered ? FilteredBytesPerByteBound : BytesPerByteBound;
        output.WriteLine($"filter {(filtered ? "on" : "off")}: {allocated:N0} bytes allocated for {length:N0} bytes indexed: {perByte:F3} per byte; " +
            $"the rows' strings {rowBytes / (double)length:F3} per byte ({store.Committed.Count:N0} rows)");
        Assert.True(perByte <= bound, $"{perByte:F2} bytes allocated per byte indexed (bound {bound})");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task IndexAllAsync(BatchRecordingSearchStore store, string path, SearchTextRules rules)
    {
        var passes = 0;
        IndexPass pass;
        do
        {
            pass = await RecordingIndexer.IndexAsync(store, "flood", path, ended: true, budgetBytes: 1024 * 1024, indexInput: false, CancellationToken.None, rules)
                .WithTimeout();
        }
        while (pass != IndexPass.Completed && ++passes < 100);

        Assert.Equal(IndexPass.Completed, pass);
    }
}
