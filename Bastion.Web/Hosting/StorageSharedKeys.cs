using Bastion.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Web.Hosting;

/// <summary>
/// What nodes on one PostgreSQL database share besides the tables: the Data Protection key ring (vault secrets) and
/// the JWT signing key. With SQLite (one node) both stay files in the data directory, as before.
/// </summary>
internal static class StorageSharedKeys
{
    public static bool InDatabase(StorageOptions storage) => storage.Provider == StorageProviders.Postgres;

    public static void AddBastionSharedKeys(this IServiceCollection services)
    {
        services.AddSingleton<SharedSecrets>();
        services.AddSingleton<StorageKeyRepository>();
        services.AddOptions<KeyManagementOptions>().PostConfigure<IOptions<StorageOptions>, IServiceProvider>((o, storage, sp) =>
        {
            if (InDatabase(storage.Value))
            {
                o.XmlRepository = sp.GetRequiredService<StorageKeyRepository>();
            }
        });
    }

    /// <summary>Creates the shared keys under a database lock on the first start of the first node (no-op on SQLite).</summary>
    public static async Task InitializeSharedKeysAsync(this IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (!InDatabase(storage))
        {
            return;
        }

        // Under a lock, so two nodes starting on an empty database do not each make their own first key. Protecting
        // once creates the first key if the ring is empty; resolving the signing key creates its row.
        await using var exclusive = await StorageLock.TakeAsync(storage.ConnectionString, StorageLock.SharedKeys, CancellationToken.None);
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Bastion.Startup").Protect([1]);
        services.GetRequiredService<SymmetricSecurityKey>();
    }
}
