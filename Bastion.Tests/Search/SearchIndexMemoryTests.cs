using System.Globalization;
using Bastion.Core.Recording.Search;
using Bastion.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Bastion.Tests.Search;

/// <summary>
/// Issue 12: what SQLite holds in memory while the index takes a flood, counted by SQLite itself
/// (<c>sqlite3_memory_highwater</c>, every connection of the process). A 16 MiB page cache per pass made the index's
/// passes hold 6-17 MiB at their peak and a pooled connection keep 2 MiB of index pages after each; the bound is
/// now the connection's own cache plus FTS5's pending terms, and every indexed line is still found.
/// </summary>
[Collection(SqliteMemoryCollectionDefinition.Name)]
public sealed class SearchIndexMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const long MiB = 1024 * 1024;

    /// <summary>SQLite's default page cache (2,000 KiB), FTS5's hash of pending terms for its 1 MiB of data (about
    /// twice that) and the statements: the policy at the bound, with room to spare, below any larger cache.</summary>
    private const long HighWaterBound = 7 * MiB;

    /// <summary>What a pooled connection may keep between passes: its schema and statements, not the index's pages.</summary>
    private const long KeptBound = 1 * MiB;

    private const int RecordingBytes = 12 * 1024 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("bastion-index-memory-").FullName;

    [Fact]
    public async Task IndexingAFlood_StaysUnderItsMemoryBound_AndFindsEveryLine()
    {
        var path = Path.Combine(_directory, "flood.cast");
        var markers = new List<string>(); // a marker word in every 50th event
        await CastFlood.WriteAsync(path, RecordingBytes, seed: 12, after: i => i % 50 == 0 ? Marker(markers, i) : null);
        var connection = $"Data Source={Path.Combine(_directory, "bastion.db")}"; // pooled, as Bastion's
        await using (var db = NewContext(connection))
        {
            await CreateIndexAsync(db);
            await using var store = new SqliteRecordingSearchStore(db);
            await store.PrepareAsync(CancellationToken.None).WithTimeout();
        }

        var before = SQLitePCL.raw.sqlite3_memory_used();
        long highWater = 0, kept = 0;
        var passes = 0;
        var pass = IndexPass.More;
        while (pass == IndexPass.More)
        {
            SQLitePCL.raw.sqlite3_memory_highwater(1); // from what is in use now
            await using (var db = NewContext(connection))
            {
                await using var store = new SqliteRecordingSearchStore(db);
                // The filter off: every random line reaches FTS5, the most its memory has to hold.
                pass = await RecordingIndexer.IndexAsync(
                        store, "flood", path, ended: true, budgetBytes: 1024 * 1024, indexInput: false, CancellationToken.None, SearchTextRules.None)
                    .WithTimeout(TimeSpan.FromMinutes(3));
            }

            highWater = Math.Max(highWater, SQLitePCL.raw.sqlite3_memory_highwater(0) - before);
            kept = Math.Max(kept, SQLitePCL.raw.sqlite3_memory_used() - before);
            passes++;
        }

        output.WriteLine($"{passes} passes: SQLite's high-water {highWater / (double)MiB:F2} MiB above the start, kept after a pass {kept / (double)MiB:F2} MiB");
        Assert.Equal(IndexPass.Completed, pass);
        Assert.True(passes >= 10, $"{passes} passes");
        Assert.True(highWater <= HighWaterBound, $"SQLite's memory rose by {highWater / (double)MiB:F1} MiB during a pass (bound {HighWaterBound / MiB} MiB)");
        Assert.True(kept <= KeptBound, $"SQLite kept {kept / (double)MiB:F1} MiB more after a pass (bound {KeptBound / MiB} MiB)");

        await using (var db = NewContext(connection))
        {
            foreach (var marker in markers)
            {
                var found = await db.Database.SqlQueryRaw<long>(
                    """SELECT count(*) AS "Value" FROM "RecordingText" WHERE "RecordingText" MATCH {0}""", "Text : \"" + marker + "\"")
                    .SingleAsync().WithTimeout();
                Assert.True(found == 1, $"{marker}: {found} rows");
            }
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static BastionDbContext NewContext(string connection) =>
        new(new DbContextOptionsBuilder<BastionDbContext>().UseSqlite(connection).Options);

    /// <summary>The two tables of the migration <c>RecordingSearch</c> (the FTS5 table is not in the EF model).</summary>
    private static async Task CreateIndexAsync(BastionDbContext db)
    {
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL").WithTimeout();
        await db.Database.ExecuteSqlRawAsync("""
            CREATE VIRTUAL TABLE "RecordingText" USING fts5("Text", "SessionId", "Kind" UNINDEXED, "OffsetMs" UNINDEXED, tokenize = 'unicode61')
            """).WithTimeout();
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TABLE "RecordingSearchProgress" ("SessionId" TEXT NOT NULL PRIMARY KEY, "Bytes" INTEGER NOT NULL, "Complete" INTEGER NOT NULL,
                "CarryOutput" TEXT NULL, "CarryOutputMs" INTEGER NOT NULL, "CarryInput" TEXT NULL, "CarryInputMs" INTEGER NOT NULL)
            """).WithTimeout();
    }

    private static string Marker(List<string> markers, int i)
    {
        markers.Add(string.Create(CultureInfo.InvariantCulture, $"mk{i}q"));
        return markers[^1];
    }
}
