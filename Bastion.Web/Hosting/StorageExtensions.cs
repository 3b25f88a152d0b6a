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
        builder.Services.AddDbContext<BastionDbContext>((sp, options) =>
        {
            var dataDir = sp.GetRequiredService<IOptions<BastionOptions>>().Value.DataDir;
            options.UseSqlite($"Data Source={Path.Combine(dataDir, "bastion.db")}");
        });
    }

    /// <summary>Creates the data directory and schema, and the first admin on an empty database.</summary>
    public static async Task InitializeStorageAsync(this WebApplication app)
    {
        var dataDir = app.Services.GetRequiredService<IOptions<BastionOptions>>().Value.DataDir;
        Directory.CreateDirectory(dataDir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");

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
        await db.SaveChangesAsync();

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

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "No users found in {DataDir}: created the 'admin' user")]
    private static partial void LogAdminCreated(ILogger logger, string dataDir);
}
