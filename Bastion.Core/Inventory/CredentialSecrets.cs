namespace Bastion.Core.Inventory;

/// <summary>The plaintext secrets of a credential on their way into <see cref="CredentialVault"/>; never stored or
/// returned as they are.</summary>
internal sealed record CredentialSecrets(string? Password, string? PrivateKey, string? Passphrase);
