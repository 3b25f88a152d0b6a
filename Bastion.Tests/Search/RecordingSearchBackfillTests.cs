using System.Globalization;
using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bastion.Tests.Search;

/// <summary>Recordings made while nothing indexed them (before search existed, or with <c>Search:Enabled=false</c>)
/// are indexed from their files after a restart; the index's size per MB of output is measured on the way.</summary>
public sealed class RecordingSearchBackfillTests(SshdFixture sshd, ITestOutputHelper output) : IClassFixture<SshdFixture>
{
    [Fact]
    public async Task RecordingsFromBeforeTheIndex_AreBackfilledFromTheFiles_AndFound()
    {
        var dataDir = Directory.CreateTempSubdirectory("bastion-search-backfill-").FullName;
        string sessionId;
        long bytesOut;
        await using (var first = await BastionFixture.StartAsync(sshd.Server, new Dictionary<string, string> { ["Search:Enabled"] = "false" }, dataDir: dataDir))
        {
            first.Server.KeepDataDir = true;
            var hostId = await first.AddHostAsync(BastionFixture.Unique("old"));
            // About 2 MB of output: licence prose and numbered lines, then the marker.
            await using (var terminal = await first.OpenTerminalAsync(hostId, query: "cols=120&rows=24"))
            {
                await terminal.SendInputAsync(
                    "for i in $(seq 30); do cat /usr/share/common-licenses/GPL-3; done; seq 1 100000; echo old-$((600+6))-mark\r");
                await terminal.WaitForOutputAsync("old-606-mark\r\n", TimeSpan.FromMinutes(3));
                sessionId = terminal.SessionId!;
                await terminal.SendInputAsync("exit\r");
                await terminal.WaitForCloseAsync();
            }

            await first.Server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
            bytesOut = (await first.Server.WaitForSessionEndedAsync(sessionId)).BytesOut;
            var (_, none) = await first.Server.SendAsync(HttpMethod.Get, "/api/recordings/search?q=old-606-mark", first.AdminToken);
            Assert.Equal(0, none.GetProperty("hits").GetArrayLength());
        }

        await using var second = await BastionFixture.StartAsync(sshd.Server, new Dictionary<string, string> { ["Search:SweepInterval"] = "00:00:01" }, dataDir: dataDir);
        await Poll.UntilAsync(async () =>
        {
            var (_, found) = await second.Server.SendAsync(HttpMethod.Get, "/api/recordings/search?q=old-606-mark", second.AdminToken);
            return found.GetProperty("hits").GetArrayLength() == 1;
        }, "the backfilled marker", TimeSpan.FromMinutes(3));
        var (_, hits) = await second.Server.SendAsync(HttpMethod.Get, "/api/recordings/search?q=old-606-mark", second.AdminToken);
        Assert.Equal(sessionId, hits.GetProperty("hits")[0].GetProperty("sessionId").GetString());

        // The index's cost: bytes of index per MB of recorded output.
        var indexBytes = await IndexBytesAsync(second.Server);
        var perMb = indexBytes / (bytesOut / 1048576.0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"output {bytesOut} bytes, index {indexBytes} bytes: {perMb / 1048576.0:F2} MB of index per MB of output"));
        // A sanity bound (a line indexed twice would double the cost): measured 1.9 (SQLite) and 6.0 (PostgreSQL).
        Assert.InRange(perMb, 1, 8 * 1048576.0);
    }

    /// <summary>PostgreSQL: the table with its indexes and TOAST. SQLite: a copy of the database (VACUUM INTO) less
    /// the same copy without the search tables, so page overhead counts too.</summary>
    private static async Task<long> IndexBytesAsync(BastionServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        if (db.Database.IsNpgsql())
        {
            // After a vacuum (as autovacuum would), so the GIN index's pending list is merged into the index proper.
            await using (var vacuum = db.Database.GetDbConnection().CreateCommand())
            {
                await db.Database.OpenConnectionAsync();
                vacuum.CommandText = "VACUUM ANALYZE \"RecordingText\"";
                await vacuum.ExecuteNonQueryAsync();
            }

            return await ScalarAsync(db.Database.GetDbConnection(), "SELECT pg_total_relation_size('\"RecordingText\"')");
        }

        var copy = Path.Combine(server.DataDir, "search-size.db");
        await ScalarAsync(db.Database.GetDbConnection(), $"VACUUM INTO '{copy}'; SELECT 0");
        var with = new FileInfo(copy).Length;
        await using (var connection = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            await connection.OpenAsync();
            await ScalarAsync(connection, "DROP TABLE \"RecordingText\"; DROP TABLE \"RecordingSearchProgress\"; VACUUM; SELECT 0");
        }

        return with - new FileInfo(copy).Length;
    }

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
