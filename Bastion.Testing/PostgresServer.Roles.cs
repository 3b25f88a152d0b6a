using Npgsql;

namespace Bastion.Testing;

public sealed partial class PostgresServer
{
    private readonly SemaphoreSlim _hbaGate = new(1, 1);

    /// <summary>
    /// A login role that must give its password (SCRAM), unlike the rest of this trust-auth server: a line for this
    /// role alone goes first in <c>pg_hba.conf</c>, then the server reloads it. For tests of a refused login.
    /// </summary>
    public async Task CreatePasswordRoleAsync(string role, string password)
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync().WithTimeout(SetupTimeout);
            await using var create = new NpgsqlCommand($"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'", connection);
            await create.ExecuteNonQueryAsync().WithTimeout(SetupTimeout);
        }

        await _hbaGate.WaitAsync().WithTimeout(SetupTimeout);
        try
        {
            var hba = Path.Combine(_directory, "data", "pg_hba.conf");
            await File.WriteAllTextAsync(hba, $"host all \"{role}\" 127.0.0.1/32 scram-sha-256\n" + await File.ReadAllTextAsync(hba));
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync().WithTimeout(SetupTimeout);
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
            await reload.ExecuteNonQueryAsync().WithTimeout(SetupTimeout);
        }
        finally
        {
            _hbaGate.Release();
        }

        // The postmaster reloads on a signal, a moment later: until then trust would let any password in.
        await Poll.UntilAsync(() => RefusesAsync(role, password + "-wrong"), $"PostgreSQL to ask {role} for a password", SetupTimeout);
    }

    private async Task<bool> RefusesAsync(string role, string password)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Username = role, Password = password, Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            return false;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            return true;
        }
    }
}
