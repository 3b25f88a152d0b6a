using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bastion.Tests.Storage;

/// <summary>The same migrations create the PostgreSQL schema from empty; a schema that is behind (with
/// MigrateOnStart=false) or newer than this build refuses to start with an operator's message.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class MigrationTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(90);

    private static Dictionary<string, string> Postgres(string connectionString, bool migrateOnStart = true) => new()
    {
        ["Storage:Provider"] = "postgres",
        ["ConnectionStrings:Bastion"] = connectionString,
        ["Storage:MigrateOnStart"] = migrateOnStart ? "true" : "false",
    };

    private static async Task<List<string>> HistoryAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().WithTimeout();
        await using var command = new NpgsqlCommand("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync().WithTimeout();
        var rows = new List<string>();
        while (await reader.ReadAsync().WithTimeout())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    [Fact]
    public async Task Postgres_TheMigrationsCreateTheSchemaFromEmpty_AndTheServiceWorksOnIt()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("migrate");
        await using (var server = await BastionServer.StartAsync(Postgres(connectionString)))
        {
            var token = await server.LoginAsync();
            await server.CreateHostAsync(token, HostSpec.At("10.0.0.9", "pg-host"));
            Assert.Equal(["pg-host"], await server.HostNamesAsync(token));
            var (_, verify) = await server.SendAsync(HttpMethod.Get, "/api/audit/verify", token);
            Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());
        }

        var history = await HistoryAsync(connectionString);
        Assert.Equal(MigrationIds.Of("Postgres"), history); // Baseline, MultiNodeStorage, then every later one, in order
        var status = await BastionProcess.RunCliAsync(Path.GetTempPath(), "db", "status", "--Storage:Provider=postgres", $"--ConnectionStrings:Bastion={connectionString}").WithTimeout(CliTimeout);
        Assert.True(status.ExitCode == 0, status.StandardOutput + status.StandardError);
        Assert.Contains("up to date", status.StandardOutput);
    }

    [Fact]
    public async Task MigrateOnStartFalse_RefusesASchemaThatIsBehind_UntilDbMigrateAppliesIt()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("behind");
        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => BastionServer.StartAsync(Postgres(connectionString, migrateOnStart: false)));
        Assert.Contains($"schema is behind this release: {MigrationIds.Of("Postgres").Count} migration(s) pending", refused.Message);
        Assert.Contains("db migrate", refused.Message);

        var migrate = await BastionProcess.RunCliAsync(Path.GetTempPath(), "db", "migrate", "--Storage:Provider=postgres", $"--ConnectionStrings:Bastion={connectionString}").WithTimeout(CliTimeout);
        Assert.True(migrate.ExitCode == 0, migrate.StandardOutput + migrate.StandardError);
        Assert.Contains($"Applied {MigrationIds.Of("Postgres").Count} migration(s)", migrate.StandardOutput);

        await using var server = await BastionServer.StartAsync(Postgres(connectionString, migrateOnStart: false));
        await server.LoginAsync();
    }

    [Fact]
    public async Task ASchemaNewerThanThisBuild_IsRefused_OnSqlite()
    {
        var sqlite = new Dictionary<string, string> { ["Storage:Provider"] = "sqlite" };
        var dataDir = Directory.CreateTempSubdirectory("bastion-newer-").FullName;
        try
        {
            await using (var first = await BastionServer.StartAsync(sqlite, dataDir))
            {
                first.KeepDataDir = true;
            }

            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "bastion.db")};Pooling=False"))
            {
                await connection.OpenAsync().WithTimeout();
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0.0')";
                await command.ExecuteNonQueryAsync().WithTimeout();
            }

            var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => BastionServer.StartAsync(sqlite, dataDir));
            Assert.Contains("newer than this release", refused.Message);
            Assert.Contains("29991231000000_FromTheFuture", refused.Message);

            var cli = await BastionProcess.RunCliAsync(dataDir, "db", "migrate", "--Storage:Provider=sqlite").WithTimeout(CliTimeout);
            Assert.Equal(1, cli.ExitCode);
            Assert.Contains("newer than this release", cli.StandardError);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
