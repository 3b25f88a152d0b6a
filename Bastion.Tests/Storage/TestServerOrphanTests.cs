namespace Bastion.Tests.Storage;

/// <summary>
/// The servers the tests start stop when the test process ends without stopping them (killed, crashed): the orphan
/// watchdog's pipe closes as it would at this process's end, and the watchdog stops the server by its PID and removes
/// its directory.
/// </summary>
public sealed class TestServerOrphanTests
{
    private static bool Running(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(") ")[^1][0] != 'Z';

    [Fact]
    public async Task PostgreSQL_WhoseTestProcessIsGone_IsStoppedByItsPid_AndItsDirectoryRemoved()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var pid = postgres.ProcessId;
        Assert.True(Running(pid));
        var backends = (await ToolRunner.RunAsync("/usr/bin/pgrep", ["-P", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        Assert.NotEmpty(backends);

        OrphanWatch.Abandon(pid);

        await Poll.UntilAsync(() => Task.FromResult(!Running(pid) && backends.All(b => !Running(b))), $"postmaster {pid} and its processes to stop");
        await Poll.UntilAsync(() => Task.FromResult(!Directory.Exists(postgres.TempDirectory)), $"{postgres.TempDirectory} to be removed");
    }

    [Fact]
    public async Task Redis_WhoseTestProcessIsGone_IsStoppedByItsPid()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        var pid = redis.ProcessId;

        OrphanWatch.Abandon(pid);

        await Poll.UntilAsync(() => Task.FromResult(!Running(pid)), $"redis-server {pid} to stop");
        Assert.False(await redis.PingAsync());
    }
}
