using System.Globalization;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bastion.Web.Hosting;

/// <summary>
/// Brings the schema to this build's migrations: adopts a SQLite file made by <c>EnsureCreated</c> (releases before
/// migrations) by marking the baseline applied, refuses a schema newer than this build, and applies pending
/// migrations when allowed. EF Core's migration lock makes concurrent starts of several nodes safe.
/// </summary>
internal static class StorageMigrator
{
    /// <summary>The tables of the baseline migration, which is exactly the schema <c>EnsureCreated</c> made.</summary>
    private static readonly string[] BaselineTables =
        ["AuditCheckpoints", "AuditEvents", "Credentials", "Grants", "Hosts", "PendingHostKeys", "Sessions", "Users"];

    public static async Task<SchemaCheck> PrepareAsync(BastionDbContext db, bool migrate, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToList();
        var adopted = false;
        var history = db.GetService<IHistoryRepository>();
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken) && !await history.ExistsAsync(cancellationToken) && await creator.HasTablesAsync(cancellationToken))
        {
            var missing = await MissingBaselineTablesAsync(db, cancellationToken);
            if (missing.Count > 0 || known.Count == 0)
            {
                return new SchemaCheck(SchemaState.Unrecognised, missing, false);
            }

            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(known[0], ProductInfo.GetVersion())), cancellationToken);
            adopted = true;
        }

        var applied = await AppliedMigrationsAsync(db, cancellationToken);
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return new SchemaCheck(SchemaState.Newer, unknown, adopted);
        }

        var pending = known.Except(applied, StringComparer.Ordinal).ToList();
        if (pending.Count == 0)
        {
            return new SchemaCheck(SchemaState.UpToDate, [], adopted);
        }

        if (!migrate)
        {
            return new SchemaCheck(SchemaState.Behind, pending, adopted);
        }

        await db.Database.MigrateAsync(cancellationToken);
        return new SchemaCheck(SchemaState.Migrated, pending, adopted);
    }

    /// <summary>
    /// The history table's rows, read with one plain query. EF Core's own <c>GetAppliedMigrationsAsync</c> first builds
    /// a model of the history table with the model-building conventions at run time, which is about a thousand methods
    /// compiled by the JIT at every start of a service whose own model is compiled ahead of time (<see cref="CompiledModels"/>).
    /// </summary>
    private static async Task<List<string>> AppliedMigrationsAsync(BastionDbContext db, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var column = sql.DelimitIdentifier("MigrationId");
        var table = sql.DelimitIdentifier(HistoryRepository.DefaultTableName);
        var rows = new List<string>();
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            return rows;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using (var exists = connection.CreateCommand())
            {
                // The table as an unqualified name finds it (the default schema on PostgreSQL).
                exists.CommandText = StorageProviders.IsSqlite(db.Database)
                    ? $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{HistoryRepository.DefaultTableName}'"
                    : $"SELECT COUNT(*) FROM (SELECT to_regclass('{table}') AS t) r WHERE r.t IS NOT NULL";
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
                {
                    return rows;
                }
            }

            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {column} FROM {table} ORDER BY {column}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(reader.GetString(0));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> MissingBaselineTablesAsync(BastionDbContext db, CancellationToken cancellationToken)
    {
        // Only SQLite files predate migrations; on any other engine unknown tables are not adopted.
        if (!StorageProviders.IsSqlite(db.Database))
        {
            return [.. BaselineTables];
        }

        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'")
            .ToListAsync(cancellationToken);
        return [.. BaselineTables.Where(t => !tables.Contains(t, StringComparer.Ordinal))];
    }
}
