using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Inventory;

internal static class InventoryExtensions
{
    public static void AddBastionInventory(this IServiceCollection services)
    {
        // The key ring lives with the data so encrypted credentials survive a restart and move with a backup.
        services.AddDataProtection().SetApplicationName("Bastion");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<BastionOptions>>((o, bastion) =>
            o.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(bastion.Value.DataDir, "keys")), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddScoped<CredentialVault>();
        services.AddScoped<AccessPolicy>();
    }
}
