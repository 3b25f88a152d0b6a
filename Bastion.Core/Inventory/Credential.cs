namespace Bastion.Core.Inventory;

/// <summary>How Bastion logs in to a host. Every secret is stored encrypted (<see cref="ISecretProtector"/>) and is
/// write-only: nothing outside <see cref="CredentialVault"/> ever sees the plaintext.</summary>
internal sealed class Credential
{
    public Guid Id { get; set; }

    /// <summary>Set for shared credentials that several hosts use; null for a host's own credential.</summary>
    public string? Name { get; set; }

    public string? ProtectedPassword { get; set; }

    public string? ProtectedPrivateKey { get; set; }

    public string? ProtectedPassphrase { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
