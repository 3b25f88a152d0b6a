using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Bastion.Tests.Audit;

/// <summary>
/// Issue 13's disk-full drill: the data directory and the recordings on a 20 MB tmpfs (created and removed by the
/// test; the suite runs as root), a session floods output until the disk is full. On SQLite the database is on the
/// full disk too; on PostgreSQL (<c>BASTION_TEST_STORAGE=postgres</c>) it is not, so sign-ins and changes go on there.
/// </summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class DiskFullDrillTests(BastionFixture bastion)
{
    private const string FloodCommand = "yes 'flood-0123456789-abcdefghijklmnopqrstuvwxyz' | head -c 60000000\r";

    private static readonly bool DatabaseOnTheDisk = !PostgresServer.IsSelectedForTests;

    [Fact]
    public async Task FloodUntilTheDiskIsFull_EndsAsStorageFull_KeepsSessionEnded_ReportsTheStore_AndRecoversWithoutRestart()
    {
        await using var disk = await TmpfsMount.CreateAsync(20);
        var data = Path.Combine(disk.Path, "data");
        var recordings = Path.Combine(data, "recordings");
        var settings = new Dictionary<string, string> { ["Terminal:DetachedGrace"] = "00:00:00" };
        string sessionId;
        var own = await BastionFixture.StartAsync(bastion.Sshd, settings, dataDir: data);
        try
        {
            var server = own.Server;
            var hostId = await own.AddHostAsync(BastionFixture.Unique("drill-host"));

            // 1. A session runs; then the disk fills to within 3 MiB, and the session floods it. The database's WAL is
            //    emptied first, so that on SQLite every later write needs new space (as on a disk that filled up).
            await using (var terminal = await own.OpenTerminalAsync(hostId))
            {
                await terminal.WaitForAsync(t => t.SessionId is not null, "ready");
                sessionId = terminal.SessionId!;
                await terminal.SendInputAsync("echo before-$((6*7))\r");
                await terminal.WaitForOutputAsync("before-42\r\n");
                await TruncateWalAsync(data);
                var fill = await disk.FillAsync();
                await using (var file = new FileStream(fill, FileMode.Open))
                {
                    file.SetLength(file.Length - (3 * 1024 * 1024));
                }

                await terminal.SendInputAsync(FloodCommand);
                await terminal.WaitForCloseAsync(TimeSpan.FromSeconds(90));

                // 2. The true reason, in words that say the disk is full.
                var error = Assert.Single(terminal.Errors);
                Assert.Equal("storage_full", error.GetProperty("code").GetString());
                Assert.Contains("disk is full", error.GetProperty("message").GetString(), StringComparison.Ordinal);
                Assert.Equal(WebSocketCloseStatus.InternalServerError, terminal.CloseStatus);
            }

            // 3. session.ended is written, with the reason, and the session no longer reads active.
            var ended = await WaitForSessionEndedAsync(server, own.AdminToken, sessionId);
            Assert.Equal("storage_full", ended.GetProperty("data").GetProperty("reason").GetString());
            var (status, session) = await server.SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}", own.AdminToken);
            Assert.Equal(200, status);
            Assert.False(session.GetProperty("session").GetProperty("active").GetBoolean());
            Assert.Equal("storage_full", session.GetProperty("session").GetProperty("endReason").GetString());

            // 4. Full to the last page: /readyz names the store, and what must write answers with a problem body. The
            // write-ahead log is emptied first (with some room made for the checkpoint, then taken again): a transaction
            // that failed on the full disk (the search indexer's) leaves its frames' space in the log, and a small write
            // that fits there needs no new page. Nothing restores the reserve meanwhile (only /readyz and new sessions do).
            await using (var file = new FileStream(Path.Combine(disk.Path, "fill"), FileMode.Open))
            {
                file.SetLength(Math.Max(0, file.Length - (8 * 1024 * 1024)));
            }

            await TruncateWalAsync(data);
            var refill = await disk.FillAsync("fill-again");
            var (readyStatus, ready) = await ReadyAsync(server);
            Assert.Equal(503, readyStatus);
            Assert.Equal("unhealthy", ready.GetProperty("checks").GetProperty("recordings").GetProperty("status").GetString());
            Assert.Contains("full", ready.GetProperty("checks").GetProperty("recordings").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal(DatabaseOnTheDisk ? "unhealthy" : "degraded", ready.GetProperty("checks").GetProperty("audit").GetProperty("status").GetString());

            using (var login = await server.Http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = BastionServer.AdminPassword }).WithTimeout())
            {
                await AssertStorageAnswerAsync(login, success: 200);
            }

            using (var request = BastionServer.Request(HttpMethod.Post, "/api/hosts", own.AdminToken, own.Host(BastionFixture.Unique("full-host")).ToBody()))
            using (var created = await server.Http.SendAsync(request).WithTimeout())
            {
                await AssertStorageAnswerAsync(created, success: 201);
            }

            // audit verify only reads: it answers while the disk is full, with the chain intact.
            var (verifyStatus, verified) = await server.SendAsync(HttpMethod.Get, "/api/audit/verify", own.AdminToken);
            Assert.Equal(200, verifyStatus);
            Assert.True(verified.GetProperty("ok").GetBoolean(), verified.ToString());

            // 5. Space returns: ready again without a restart (the reserve back in place), and everything works.
            File.Delete(refill);
            File.Delete(Path.Combine(disk.Path, "fill"));
            await Poll.UntilAsync(async () => (await ReadyAsync(server)).Status == 200, "/readyz to answer 200 again", TimeSpan.FromSeconds(60));
            (_, ready) = await ReadyAsync(server);
            Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("audit").GetProperty("status").GetString());
            Assert.True(File.Exists(Path.Combine(data, "storage-reserve")));
            await server.LoginAsync();
            await own.AddHostAsync(BastionFixture.Unique("after-host"));
            await using (var terminal = await own.OpenTerminalAsync(hostId))
            {
                await terminal.WaitForAsync(t => t.SessionId is not null, "ready");
                await terminal.SendInputAsync("echo after-$((6*8))\r");
                await terminal.WaitForOutputAsync("after-48\r\n");
                await terminal.SendInputAsync("exit\r");
                await terminal.WaitForCloseAsync();
                await WaitForSessionEndedAsync(server, own.AdminToken, terminal.SessionId!);
            }

            // 6. No empty recording, and the chain (with the cut-short recording's hash) verifies.
            Assert.All(Directory.GetFiles(recordings, "*.cast"), cast => Assert.True(new FileInfo(cast).Length > 0, cast));
            (verifyStatus, verified) = await server.SendAsync(HttpMethod.Get, "/api/audit/verify", own.AdminToken);
            Assert.True(verifyStatus == 200 && verified.GetProperty("ok").GetBoolean(), verified.ToString());
            server.KeepDataDir = true;
        }
        finally
        {
            await own.DisposeAsync();
        }

        // 7. After a restart the session is still storage_full, ended once, and nothing is called a crash.
        await using var restarted = await BastionFixture.StartAsync(bastion.Sshd, settings, dataDir: data);
        var (_, events) = await restarted.Server.SendAsync(HttpMethod.Get, $"/api/audit/events?session={sessionId}&type=session.ended", restarted.AdminToken);
        var only = Assert.Single(events.GetProperty("events").EnumerateArray());
        Assert.Equal("storage_full", only.GetProperty("data").GetProperty("reason").GetString());
        var (_, all) = await restarted.Server.SendAsync(HttpMethod.Get, "/api/audit/events?type=session.ended&limit=500", restarted.AdminToken);
        Assert.DoesNotContain(all.GetProperty("events").EnumerateArray(), e => e.GetProperty("data").GetProperty("reason").GetString() == "crash");
    }

    /// <summary>On SQLite (the database on the full disk) a write is refused with a 507 problem; on PostgreSQL it succeeds.</summary>
    private static async Task AssertStorageAnswerAsync(HttpResponseMessage response, int success)
    {
        var text = await response.Content.ReadAsStringAsync().WithTimeout();
        if (!DatabaseOnTheDisk)
        {
            Assert.True((int)response.StatusCode == success, $"{(int)response.StatusCode}: {text}");
            return;
        }

        Assert.True((int)response.StatusCode == 507, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(507, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Insufficient storage", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("disk is full", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> WaitForSessionEndedAsync(BastionServer server, string token, string sessionId)
    {
        JsonElement ended = default;
        await Poll.UntilAsync(async () =>
        {
            var (_, events) = await server.SendAsync(HttpMethod.Get, $"/api/audit/events?session={sessionId}&type=session.ended", token);
            var list = events.GetProperty("events").EnumerateArray().ToList();
            if (list.Count == 0)
            {
                return false;
            }

            ended = Assert.Single(list);
            return true;
        }, "session.ended to be written", TimeSpan.FromSeconds(60));
        return ended;
    }

    private static async Task<(int Status, JsonElement Body)> ReadyAsync(BastionServer server)
    {
        using var response = await server.Http.GetAsync("/readyz").WithTimeout();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WithTimeout());
        return ((int)response.StatusCode, body.RootElement.Clone());
    }

    /// <summary>Checkpoints the SQLite WAL and truncates it to nothing (no-op on PostgreSQL).</summary>
    private static async Task TruncateWalAsync(string data)
    {
        if (!DatabaseOnTheDisk)
        {
            return;
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "bastion.db")};Pooling=False");
        await connection.OpenAsync().WithTimeout();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync().WithTimeout();
    }
}
