using System.Security.Cryptography.X509Certificates;
using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Bastion.Core.Sessions;
using Bastion.Core.Ssh;
using Bastion.Web.Access;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Inventory;

internal static class InventoryExtensions
{
    public const string KeyRingCertificatePath = "Bastion:KeyRingCertificatePath";
    public const string KeyRingCertificatePassword = "Bastion:KeyRingCertificatePassword";

    public static void AddBastionInventory(this IServiceCollection services, IConfiguration? configuration = null)
    {
        // The key ring lives with the data so encrypted credentials survive a restart and move with a backup. With a
        // certificate configured, every key in it is encrypted to that certificate (docs/INVENTORY.md); without one
        // the key files are owner-only but plaintext, so a copy of the data directory holds everything.
        var dataProtection = services.AddDataProtection().SetApplicationName("Bastion");
        if (configuration?[KeyRingCertificatePath] is { Length: > 0 } certificatePath)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration[KeyRingCertificatePassword]);
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddOptions<KeyManagementOptions>().Configure<IOptions<BastionOptions>>((o, bastion) =>
        {
            var keys = new DirectoryInfo(Path.Combine(bastion.Value.DataDir, "keys"));
            keys.Create();
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            o.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(keys, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        });
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddScoped<CredentialVault>();
        services.AddScoped<HostService>();
        services.AddScoped<HostListing>();
        services.AddScoped<Core.Inventory.Import.HostImporter>();
        services.AddScoped<Core.Inventory.Import.KnownHostsImporter>();
        services.AddScoped<SharedCredentials>();
        services.AddScoped<PendingHostKeys>();
        services.AddSingleton<IHostKeyObserver, PendingHostKeyObserver>();
        services.AddSingleton<SshProbe>();
    }

    /// <summary>The inventory's routes: hosts (with their keys, import/export and test connection) and shared
    /// credentials.</summary>
    public static void MapInventoryEndpoints(this WebApplication app)
    {
        app.MapHostEndpoints();
        app.MapCredentialEndpoints();
    }

    /// <summary>Whether the key ring is encrypted at rest, for the startup log.</summary>
    public static bool KeyRingEncrypted(IConfiguration configuration) => configuration[KeyRingCertificatePath] is { Length: > 0 };
}
