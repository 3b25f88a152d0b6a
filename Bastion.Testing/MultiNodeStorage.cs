namespace Bastion.Testing;

/// <summary>
/// The one place where the multi-node fixture says how its nodes share storage, as a real deployment does (issue 10):
/// one PostgreSQL database (tables, audit chain, Data Protection key ring and signing key, shared by every node) from
/// the test run's shared <see cref="PostgresServer"/>, and one recordings directory (what NFS is in production). Each
/// node still gets the same data directory, for the node-local files (the audit checkpoint key).
/// </summary>
public sealed class MultiNodeStorage : IDisposable
{
    private string? _connectionString;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("bastion-cluster-").FullName;

    /// <summary>The shared recordings directory (a file per session, named by its id).</summary>
    public string RecordingsDir => Path.Combine(DataDir, "recordings");

    /// <summary>Creates the nodes' database; before the first node starts.</summary>
    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        _connectionString = await postgres.CreateDatabaseAsync("cluster");
    }

    /// <summary>Command-line settings that every node gets for its storage.</summary>
    public IEnumerable<string> NodeArgs() =>
    [
        $"--Bastion:DataDir={DataDir}",
        "--Storage:Provider=postgres",
        $"--ConnectionStrings:Bastion={_connectionString ?? throw new InvalidOperationException("MultiNodeStorage.InitializeAsync was not called")}",
        $"--Recording:Directory={RecordingsDir}",
    ];

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
