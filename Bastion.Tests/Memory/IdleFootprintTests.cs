using Bastion.Web.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Memory;

/// <summary>
/// What an idle node holds (issue 12: idle memory), counted, never timed: the assemblies it maps (only what its
/// configuration uses: no StackExchange.Redis without <c>Bus:Redis</c>, no Npgsql on SQLite) and the one compaction
/// of the heaps after start.
/// </summary>
public sealed class IdleFootprintTests
{
    /// <summary>The file names of the assemblies mapped into a process (<c>/proc/PID/maps</c>).</summary>
    private static HashSet<string> MappedAssemblies(int pid) =>
        [.. File.ReadLines($"/proc/{pid}/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && fields[5].EndsWith(".dll", StringComparison.Ordinal))
            .Select(fields => Path.GetFileName(fields[5].Trim()))];

    /// <summary>A restart (the schema current, the figure of record for an idle node): a first start builds the
    /// migrations' model, which lists every type of Bastion.Core and so loads what their signatures name.</summary>
    [Fact]
    public async Task AnIdleNode_MapsNoRedis_AndOnlyTheDatabaseProviderItIsConfiguredWith()
    {
        var dataDir = Directory.CreateTempSubdirectory("bastion-idle-maps-").FullName;
        try
        {
            await (await BastionProcess.StartAsync(dataDir)).DisposeAsync();
            await using var node = await BastionProcess.StartAsync(dataDir);
            AssertMapsOnlyWhatItUses(MappedAssemblies(node.ProcessId));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task TheHeaps_AreCompactedOnce_AfterStart()
    {
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;
        await using var server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Memory:CompactAfterStart"] = "00:00:01" });

        var result = await server.Services.GetRequiredService<StartupCompaction>().Completion.WithTimeout();

        Assert.True(result.GcIndex > before, $"no full blocking collection after start (index {result.GcIndex}, before {before})");
        Assert.Equal(GC.MaxGeneration, result.Generation);
        Assert.True(result.Compacted, "the full blocking collection after start did not compact");
    }

    [Fact]
    public async Task CompactAfterStart_Zero_TurnsItOff()
    {
        await using var server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Memory:CompactAfterStart"] = "00:00:00" });

        var compaction = server.Services.GetRequiredService<StartupCompaction>();
        await compaction.ExecuteTask!.WithTimeout();

        Assert.False(compaction.Completion.IsCompleted);
    }

    private static void AssertMapsOnlyWhatItUses(HashSet<string> mapped)
    {
        Assert.Contains("Bastion.Core.dll", mapped); // the listing sees the assemblies
        Assert.DoesNotContain("StackExchange.Redis.dll", mapped);
        if (PostgresServer.IsSelectedForTests)
        {
            Assert.Contains("Npgsql.EntityFrameworkCore.PostgreSQL.dll", mapped);
            Assert.DoesNotContain("Microsoft.EntityFrameworkCore.Sqlite.dll", mapped);
        }
        else
        {
            Assert.Contains("Microsoft.EntityFrameworkCore.Sqlite.dll", mapped);
            Assert.DoesNotContain("Npgsql.EntityFrameworkCore.PostgreSQL.dll", mapped);
            Assert.DoesNotContain("Npgsql.dll", mapped);
        }
    }
}
