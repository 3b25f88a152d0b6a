using Bastion.Core.Ssh;

namespace Bastion.Core.Inventory;

/// <summary>The one place credential secrets are encrypted and decrypted.</summary>
internal sealed class CredentialVault(ISecretProtector protector, TimeProvider time)
{
    public Credential Create(string? password, string? privateKey, string? passphrase, string? name = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        ProtectedPassword = ProtectOrNull(password),
        ProtectedPrivateKey = ProtectOrNull(privateKey),
        ProtectedPassphrase = ProtectOrNull(passphrase),
        UpdatedAt = time.GetUtcNow(),
    };

    /// <summary>Builds the connection target with decrypted secrets, for the moment of connecting only.</summary>
    public SshTarget ToTarget(Host host) => new()
    {
        HostName = host.Name,
        Address = host.Address,
        Port = host.Port,
        UserName = host.UserName,
        PinnedFingerprint = host.HostKeyFingerprint,
        Password = UnprotectOrNull(host.Credential?.ProtectedPassword),
        PrivateKey = UnprotectOrNull(host.Credential?.ProtectedPrivateKey),
        Passphrase = UnprotectOrNull(host.Credential?.ProtectedPassphrase),
    };

    private string? ProtectOrNull(string? value) => string.IsNullOrEmpty(value) ? null : protector.Protect(value);

    private string? UnprotectOrNull(string? value) => value is null ? null : protector.Unprotect(value);
}
