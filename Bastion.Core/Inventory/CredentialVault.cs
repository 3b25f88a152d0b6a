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

    /// <summary>Replaces every secret of <paramref name="credential"/> (rotation); hosts that share it follow.</summary>
    public void Replace(Credential credential, string? password, string? privateKey, string? passphrase)
    {
        credential.ProtectedPassword = ProtectOrNull(password);
        credential.ProtectedPrivateKey = ProtectOrNull(privateKey);
        credential.ProtectedPassphrase = ProtectOrNull(passphrase);
        credential.UpdatedAt = time.GetUtcNow();
    }

    /// <summary>Builds the connection target with decrypted secrets, for the moment of connecting only. The gateway
    /// (one hop) must be loaded with its credential.</summary>
    public SshTarget ToTarget(Host host, string? login = null) => new()
    {
        HostName = host.Name,
        HostId = host.Id,
        Address = host.Address,
        Port = host.Port,
        UserName = login ?? host.UserName,
        PinnedFingerprint = host.HostKeyFingerprint,
        Password = UnprotectOrNull(host.Credential?.ProtectedPassword),
        PrivateKey = UnprotectOrNull(host.Credential?.ProtectedPrivateKey),
        Passphrase = UnprotectOrNull(host.Credential?.ProtectedPassphrase),
        Gateway = host.Gateway is { } gateway ? ToTarget(gateway) with { Gateway = null } : null,
    };

    private string? ProtectOrNull(string? value) => string.IsNullOrEmpty(value) ? null : protector.Protect(value);

    private string? UnprotectOrNull(string? value) => value is null ? null : protector.Unprotect(value);
}
