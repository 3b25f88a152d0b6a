using Microsoft.Data.Sqlite;

namespace Bastion.Tests.Storage;

/// <summary>A data directory made by main before migrations (TestData/main-1998d0f, see its README) upgrades in
/// place: every host, user, grant, audit event and recording is still there and the chain verifies.</summary>
public sealed class StorageUpgradeTests : IAsyncLifetime
{
    private static readonly string Original = Path.Combine(RepoPaths.Root, "Bastion.Tests", "TestData", "main-1998d0f");
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bastion-upgrade-").FullName;
    private readonly Dictionary<string, string> _ids = File.ReadAllLines(Path.Combine(Original, "ids.txt"))
        .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    public Task InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(Original, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_dataDir, Path.GetRelativePath(Original, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dataDir, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<List<string>> RowsAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync().WithTimeout();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync().WithTimeout();
        var rows = new List<string>();
        while (await reader.ReadAsync().WithTimeout())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString())));
        }

        return rows;
    }

    [Fact]
    public async Task MainEraDatabase_UpgradesInPlace_WithEveryRowIntact_AndTheChainVerifies()
    {
        const string Audit = "SELECT Sequence, TimeMs, Type, Actor, SessionId, DataJson, PrevHash, Hash FROM AuditEvents ORDER BY Sequence";
        var database = Path.Combine(_dataDir, "bastion.db");
        Assert.Empty(await RowsAsync(database, "SELECT name FROM sqlite_master WHERE name = '__EFMigrationsHistory'"));
        // The columns main had: later migrations add columns (or rebuild a table in model order), and every value
        // of the old columns must come through unchanged.
        var before = new Dictionary<string, (string Columns, List<string> Rows)>(StringComparer.Ordinal);
        foreach (var table in new[] { "Hosts", "Users", "Grants", "Credentials", "Sessions" })
        {
            var columns = string.Join(", ", (await RowsAsync(database, $"SELECT name FROM pragma_table_info('{table}')")).Select(c => $"\"{c}\""));
            before[table] = (columns, await RowsAsync(database, $"SELECT {columns} FROM {table} ORDER BY 1"));
        }

        var auditBefore = await RowsAsync(database, Audit);
        Assert.Equal(16, auditBefore.Count);

        await using (var server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Storage:Provider"] = "sqlite" }, _dataDir))
        {
            server.KeepDataDir = true;
            var token = await server.LoginAsync();
            Assert.Equal(["legacy-db-01", "legacy-sshd", "legacy-web-01"], await server.HostNamesAsync(token));
            var (_, users) = await server.SendAsync(HttpMethod.Get, "/api/users", token);
            Assert.Equal(["admin", "arthur", "olga"], users.EnumerateArray().Select(u => u.GetProperty("username").GetString()!).Order(StringComparer.Ordinal));
            var (_, grants) = await server.SendAsync(HttpMethod.Get, "/api/grants", token);
            Assert.Equal(3, grants.GetArrayLength());
            Assert.Contains(grants.EnumerateArray(), g => g.GetProperty("userGroup").GetString() == "web" && g.GetProperty("hostId").GetString() == _ids["h1"]);

            var (status, cast) = await GetTextAsync(server, $"/api/sessions/{_ids["session"]}/recording", token);
            Assert.Equal(200, status);
            Assert.Contains("legacy-recording-42", cast);
            var (_, verify) = await server.SendAsync(HttpMethod.Get, "/api/audit/verify", token);
            Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());
        }

        // The old rows are byte for byte what they were; the chain goes on from them; every migration is recorded.
        foreach (var (table, (columns, rows)) in before)
        {
            Assert.Equal(rows, await RowsAsync(database, $"SELECT {columns} FROM {table} ORDER BY 1"));
        }

        Assert.Equal(auditBefore, (await RowsAsync(database, Audit)).Take(16));
        var history = await RowsAsync(database, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId");
        Assert.Equal(MigrationIds.Of("Sqlite"), history); // Baseline, MultiNodeStorage, then every later one, in order

        var cli = await BastionProcess.RunCliAsync(_dataDir, "audit", "verify", "--Storage:Provider=sqlite").WithTimeout(TimeSpan.FromSeconds(60));
        Assert.True(cli.ExitCode == 0, cli.StandardOutput + cli.StandardError);
        Assert.Contains("ok: ", cli.StandardOutput);
    }

    private static async Task<(int Status, string Body)> GetTextAsync(BastionServer server, string path, string token)
    {
        using var request = BastionServer.Request(HttpMethod.Get, path, token);
        using var response = await server.Http.SendAsync(request).WithTimeout();
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync().WithTimeout());
    }
}
