using System.Data.Common;
using System.Security.Cryptography;
using Bastion.Core.Access;
using Bastion.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Hosting;

internal static partial class StorageExtensions
{
    public static void AddBastionStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<BastionOptions>().BindConfiguration(BastionOptions.SectionName).PostConfigure(o =>
        {
            if (string.IsNullOrWhiteSpace(o.DataDir))
            {
                o.DataDir = Environment.GetEnvironmentVariable("BASTION_DATA_DIR") is { Length: > 0 } env ? env : "data";
            }

            o.DataDir = Path.GetFullPath(o.DataDir);
        }).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BastionOptions>, BastionOptionsValidator>());
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .PostConfigure<IOptions<BastionOptions>, IConfiguration>((o, bastion, configuration) =>
            {
                o.Provider = StorageProviders.Normalize(o.Provider) ?? o.Provider;
                o.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName) is { Length: > 0 } configured
                    ? configured
                    : o.Provider == StorageProviders.Sqlite ? $"Data Source={SqliteDatabasePath(bastion.Value)}" : "";
            }).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        builder.Services.AddDbContext<BastionDbContext>((sp, options) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            StorageProviders.Configure(options, storage.Provider, storage.ConnectionString);
            if (storage.CompiledModel)
            {
                options.UseModel(CompiledModels.For(storage.Provider));
            }
        });
        builder.Services.AddBastionSharedKeys();
    }

    /// <summary>The SQLite file of the default provider.</summary>
    public static string SqliteDatabasePath(BastionOptions options) => Path.Combine(options.DataDir, "bastion.db");

    /// <summary>
    /// Brings the schema up to date (or checks it, with <c>Storage:MigrateOnStart=false</c>). Throws a
    /// <see cref="StorageUnavailableException"/> with an operator's message, logged once, when the service must not
    /// start on this database: it cannot be reached or opened (the first contact with it is here), or its schema does
    /// not fit.
    /// </summary>
    public static async Task<SchemaCheck> MigrateStorageAsync(this IServiceProvider services, bool migrate)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Bastion.Storage");
        SchemaCheck check;
        try
        {
            check = await PrepareSchemaAsync(services, storage, migrate);
        }
        catch (DbException ex)
        {
            // A refused connection (wrong password, server down, unknown database) or an unopenable SQLite file: one
            // line that says where and why, not a stack trace and an abort.
            var problem = StorageTarget.DescribeFailure(storage, ex);
            LogRefused(logger, problem);
            throw new StorageUnavailableException(problem);
        }

        if (check.AdoptedLegacy)
        {
            LogAdoptedLegacy(logger);
        }

        var description = check.Describe(storage.Provider);
        if (!check.CanStart)
        {
            LogRefused(logger, description);
            throw new StorageUnavailableException(description);
        }

        if (check.State == SchemaState.Migrated)
        {
            LogMigrated(logger, description);
        }

        return check;
    }

    private static async Task<SchemaCheck> PrepareSchemaAsync(IServiceProvider services, StorageOptions storage, bool migrate)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        if (storage.Provider != StorageProviders.Postgres)
        {
            return await StorageMigrator.PrepareAsync(db, migrate, CancellationToken.None);
        }

        // Nodes starting together: one brings the schema up to date, the others then find it current.
        await using var exclusive = await StorageLock.TakeAsync(storage.ConnectionString, StorageLock.Migrations, CancellationToken.None);
        return await StorageMigrator.PrepareAsync(db, migrate, CancellationToken.None);
    }

    /// <summary>Creates the data directory, brings the schema up to date, and creates the first admin on an empty database.</summary>
    public static async Task InitializeStorageAsync(this WebApplication app)
    {
        var dataDir = app.Services.GetRequiredService<IOptions<BastionOptions>>().Value.DataDir;
        Directory.CreateDirectory(dataDir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        await app.Services.MigrateStorageAsync(storage.MigrateOnStart);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        if (StorageProviders.IsSqlite(db.Database))
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await app.Services.InitializeSharedKeysAsync();

        if (await db.Users.AnyAsync())
        {
            return;
        }

        var configured = app.Configuration["BASTION_ADMIN_PASSWORD"];
        var password = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20) : configured;
        var admin = new User
        {
            Id = Guid.NewGuid(),
            UserName = "admin",
            PasswordHash = "",
            Roles = Roles.Admin,
            CreatedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        admin.PasswordHash = new PasswordHasher<User>().HashPassword(admin, password);
        db.Users.Add(admin);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Several nodes started on one empty database and another one created the admin first (unique name).
            if (await AnotherNodeCreatedUsersAsync(app.Services))
            {
                return;
            }

            throw;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Bastion.Setup");
        LogAdminCreated(logger, dataDir);
        if (string.IsNullOrEmpty(configured))
        {
            // Printed once, to the console only (not through logging, so it never lands in a log sink).
            await Console.Out.WriteLineAsync($"""

                ================================================================
                  Bastion created the first user.
                    username: admin
                    password: {password}
                  This password is shown once. Change it after logging in.
                ================================================================

                """);
        }
    }

    private static async Task<bool> AnotherNodeCreatedUsersAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BastionDbContext>().Users.AnyAsync();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Found a database made before schema migrations: marked its schema as the baseline migration")]
    private static partial void LogAdoptedLegacy(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Schema: {Description}")]
    private static partial void LogMigrated(ILogger logger, string description);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Critical, Message = "Refusing to start: {Problem}")]
    private static partial void LogRefused(ILogger logger, string problem);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "No users found in {DataDir}: created the 'admin' user")]
    private static partial void LogAdminCreated(ILogger logger, string dataDir);
}
