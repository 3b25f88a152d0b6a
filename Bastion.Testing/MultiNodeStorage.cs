namespace Bastion.Testing;

/// <summary>
/// The one place where the multi-node fixture says how its nodes share storage. Today every node gets the same data
/// directory: one SQLite file (WAL), one Data Protection key ring directory, one signing key file and one recordings
/// directory, which is what processes on one machine can share. When PostgreSQL and the shared key ring land, this is
/// what changes (connection string, provider, key ring setting); the fixture and the tests stay as they are.
/// </summary>
public sealed class MultiNodeStorage : IDisposable
{
    public string DataDir { get; } = Directory.CreateTempSubdirectory("bastion-cluster-").FullName;

    /// <summary>Command-line settings that every node gets for its storage.</summary>
    public IEnumerable<string> NodeArgs() => [$"--Bastion:DataDir={DataDir}"];

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
