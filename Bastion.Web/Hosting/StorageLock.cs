using Npgsql;

namespace Bastion.Web.Hosting;

/// <summary>
/// A PostgreSQL session-level advisory lock held on a connection of its own while nodes that start together do
/// something only one may do at a time (bring the schema up to date, create the first shared keys).
/// </summary>
internal sealed class StorageLock : IAsyncDisposable
{
    /// <summary>Schema migrations ("BASTMIGR").</summary>
    public const long Migrations = 0x424153544D494752;

    /// <summary>The first key-ring key and the JWT signing key ("BASTKEYS").</summary>
    public const long SharedKeys = 0x424153544B455953;

    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private StorageLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    public static async Task<StorageLock> TakeAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", connection);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return new StorageLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({_key})", _connection);
            await release.ExecuteNonQueryAsync();
        }
        finally
        {
            // Closing the session releases the lock too, should the unlock itself have failed.
            await _connection.DisposeAsync();
        }
    }
}
