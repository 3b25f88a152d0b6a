using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Storage;

/// <summary>
/// The database engines Bastion runs on (<c>Storage:Provider</c>) and how a <see cref="BastionDbContext"/> is
/// configured for each. Each provider has its own migrations assembly (<c>Bastion.Migrations.Sqlite</c>,
/// <c>Bastion.Migrations.Postgres</c>), generated from the one model by <c>scripts/add-migration.sh</c>.
/// </summary>
internal static class StorageProviders
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    public const string SqliteMigrationsAssembly = "Bastion.Migrations.Sqlite";

    public const string PostgresMigrationsAssembly = "Bastion.Migrations.Postgres";

    /// <summary>The provider's canonical name, or null for an unknown one.</summary>
    public static string? Normalize(string? provider) => provider?.Trim().ToLowerInvariant() switch
    {
        null or "" or Sqlite => Sqlite,
        Postgres or "postgresql" => Postgres,
        _ => null,
    };

    public static void Configure(DbContextOptionsBuilder options, string provider, string connectionString)
    {
        switch (provider)
        {
            case Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
            case Postgres:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Storage:Provider must be sqlite or postgres.");
        }
    }
}
