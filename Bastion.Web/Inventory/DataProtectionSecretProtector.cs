using Bastion.Core.Inventory;
using Microsoft.AspNetCore.DataProtection;

namespace Bastion.Web.Inventory;

/// <summary>Credential secrets under their own Data Protection purpose, so no other protector can read them.</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    public const string Purpose = "Bastion.Inventory.Credentials.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);
}
