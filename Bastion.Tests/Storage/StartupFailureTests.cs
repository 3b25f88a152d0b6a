using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Bastion.Tests.Storage;

/// <summary>
/// The server binary, started as its own process against storage it cannot use: a PostgreSQL that refuses the password
/// and a loopback port where nothing listens. It exits with code 1 after one log line that names the database (host,
/// port, database, user) and the provider's reason, with no stack trace and never the password. With Redis unreachable
/// at start a node starts anyway, serves from its own state, and subscribes once Redis is there.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class StartupFailureTests(PostgresServerFixture postgres)
{
    private const string Password = "wrong-Secret-7f3a";

    private static async Task<ToolResult> StartServerAsync(string connectionString)
    {
        var dataDir = Directory.CreateTempSubdirectory("bastion-refused-").FullName;
        try
        {
            return await BastionProcess.RunCliAsync(dataDir, $"--urls=http://127.0.0.1:{FreePort.Get()}", "--Storage:Provider=postgres",
                $"--ConnectionStrings:Bastion={connectionString}").WithTimeout(BastionProcess.CliTimeout + TestTimeouts.Default);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static void AssertOneClearLine(ToolResult run, params string[] expected)
    {
        var output = run.StandardOutput + run.StandardError;
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}:\n{output}");
        Assert.Contains("Refusing to start: cannot open the database (PostgreSQL at ", output);
        foreach (var text in expected)
        {
            Assert.Contains(text, output);
        }

        Assert.DoesNotContain(Password, output);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Postgres_RefusesThePassword_TheServerExitsWithOne_NamingTheDatabaseAndTheReason_WithoutThePassword()
    {
        var role = $"refused_{Guid.NewGuid():N}";
        await postgres.Server.CreatePasswordRoleAsync(role, "the-right-one");
        var database = postgres.Server.ConnectionString("postgres").Replace("Username=postgres", $"Username={role};Password={Password}", StringComparison.Ordinal);

        var run = await StartServerAsync(database);

        AssertOneClearLine(run, $"127.0.0.1:{postgres.Server.Port}", "database 'postgres'", $"user '{role}'", "28P01", "password authentication failed");
    }

    [Fact]
    public async Task Postgres_NothingListensOnThePort_TheServerExitsWithOne_NamingTheAddressAndTheReason_WithoutThePassword()
    {
        var port = FreePort.Get();

        var run = await StartServerAsync($"Host=127.0.0.1;Port={port};Username=bastion;Password={Password};Database=bastion_db;Timeout=10");

        AssertOneClearLine(run, $"127.0.0.1:{port}", "database 'bastion_db'", "user 'bastion'", "Connection refused");
    }

    [Fact]
    public async Task Redis_UnreachableAtStart_TheNodeStartsAndServes_AndSubscribesOnceRedisIsThere()
    {
        await using var redis = new RedisServer();
        var log = new ConcurrentQueue<string>();
        await using var node = await BastionProcess.StartAsync(
            extraArgs: [$"--Bus:Redis={redis.Endpoint}", "--Logging:LogLevel:Bastion=Information", "--Logging:Console:LogToStandardErrorThreshold=Trace"],
            onStandardError: log.Enqueue, timeout: BastionProcess.CliTimeout);
        string Log() => string.Join('\n', log);

        // Joined is logged after the node subscribed (or deferred it): a node that stopped on the failed SUBSCRIBE never says it.
        await Poll.UntilAsync(() => Task.FromResult(Log().Contains("Joined the cluster as node", StringComparison.Ordinal)), "the node to join\n" + Log(), BastionProcess.CliTimeout);
        using var health = await node.Http.GetAsync(new Uri("/healthz", UriKind.Relative)).WithTimeout();
        Assert.True(health.IsSuccessStatusCode, $"/healthz → {(int)health.StatusCode}\n{Log()}");

        await redis.StartAsync();
        await using var client = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint).WithTimeout();
        await Poll.UntilAsync(
            async () => await client.GetSubscriber().PublishAsync(RedisChannel.Literal("bastion:recheck"), "1") > 0,
            "the node to subscribe to bastion:recheck once Redis is up\n" + Log(), BastionProcess.CliTimeout);
        Assert.Contains("subscribing to bastion:recheck when it connects", Log());
    }
}
