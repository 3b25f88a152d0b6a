using Bastion.Core.Audit.Export;
using Npgsql;

namespace Bastion.Web.AuditApi.Syslog;

/// <summary>A session-level PostgreSQL advisory lock on a connection of its own: held while that session lives, so a
/// node that dies (or loses the database) lets another take the export over.</summary>
internal sealed class PostgresExportLease : IExportLease
{
    /// <summary>The syslog export ("BASTSYSL").</summary>
    public const long SyslogKey = 0x424153545359534C;

    private readonly NpgsqlConnection _connection;

    private PostgresExportLease(NpgsqlConnection connection) => _connection = connection;

    public static async Task<IExportLease?> TryTakeAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Unpooled: disposing must end the session (and so release the lock), not park it in the pool still holding it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({SyslogKey})", connection);
            if (await take.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new PostgresExportLease(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async Task<bool> StillHeldAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var check = new NpgsqlCommand("SELECT 1", _connection);
            await check.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    // Closing the session releases the lock.
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
