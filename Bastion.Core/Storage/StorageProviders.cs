using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Bastion.Core.Storage;

/// <summary>
/// The database engines Bastion runs on (<c>Storage:Provider</c>) and how a <see cref="BastionDbContext"/> is
/// configured for each. Each provider has its own migrations assembly (<c>Bastion.Migrations.Sqlite</c>,
/// <c>Bastion.Migrations.Postgres</c>), generated from the one model by <c>scripts/add-migration.sh</c>.
/// </summary>
internal static class StorageProviders
{
    /// <summary>Npgsql's EF Core provider's name (its assembly's), as <c>DatabaseFacade.ProviderName</c> reports it.</summary>
    public const string NpgsqlProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>SQLite's EF Core provider, as <c>DatabaseFacade.ProviderName</c> names it.</summary>
    public const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

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
                UseSqlite(options, connectionString);
                break;
            case Postgres:
                UsePostgres(options, connectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Storage:Provider must be sqlite or postgres.");
        }
    }

    /// <summary>Whether <paramref name="database"/> runs on PostgreSQL, by the provider's name, so that asking does not
    /// load Npgsql's EF Core provider on a SQLite node (what <c>IsNpgsql()</c> would do: issue 12, idle memory).</summary>
    public static bool IsPostgres(DatabaseFacade database) =>
        database.ProviderName == NpgsqlProviderName;

    /// <summary>Whether <paramref name="database"/> runs on SQLite, by the provider's name (<c>IsSqlite()</c> would load
    /// SQLite's EF Core provider on a PostgreSQL node).</summary>
    public static bool IsSqlite(DatabaseFacade database) =>
        database.ProviderName == SqliteProviderName;

    // Each provider in a method of its own: compiling Configure then loads neither provider's assembly, and a SQLite
    // node never maps Npgsql's (issue 12: an idle node maps only what its configuration uses).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UsePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
}
