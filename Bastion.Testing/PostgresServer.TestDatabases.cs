using System.Collections.Concurrent;

namespace Bastion.Testing;

public sealed partial class PostgresServer
{
    /// <summary>Data directory → its database, so a restart on the same data directory (and the command-line tools
    /// run against it) finds the same data, as with the SQLite file inside it.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>>>> TestDatabases = new(StringComparer.Ordinal);

    /// <summary>
    /// The storage settings a test deployment on <paramref name="dataDir"/> gets: none when the run uses SQLite (the
    /// default) or the test chose a provider itself (<paramref name="settings"/> names <c>Storage:Provider</c>);
    /// with <c>BASTION_TEST_STORAGE=postgres</c>, a database of its own on the shared server.
    /// </summary>
    public static async Task<IReadOnlyList<string>> StorageArgumentsAsync(string dataDir, IEnumerable<string> settings)
    {
        var key = Path.GetFullPath(dataDir).TrimEnd('/');
        if (settings.Any(s => s.Contains("Storage:Provider=", StringComparison.OrdinalIgnoreCase)))
        {
            // The test chose; a later CLI run on this data directory follows that choice.
            TestDatabases[key] = new Lazy<Task<IReadOnlyList<string>>>(Task.FromResult<IReadOnlyList<string>>([]));
            return [];
        }

        if (!IsSelectedForTests)
        {
            return [];
        }

        var arguments = TestDatabases.GetOrAdd(key, _ => new Lazy<Task<IReadOnlyList<string>>>(async () =>
        {
            var connectionString = await (await SharedAsync()).CreateDatabaseAsync("test");
            return ["--Storage:Provider=postgres", $"--ConnectionStrings:Bastion={connectionString}"];
        }));
        return await arguments.Value.WaitAsync(SetupTimeout);
    }
}
