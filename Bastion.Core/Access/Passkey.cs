namespace Bastion.Core.Access;

/// <summary>A WebAuthn credential registered as a user's second factor; a user may have several, each named.</summary>
internal sealed class Passkey
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The authenticator's credential id (at most 1023 bytes, WebAuthn level 3).</summary>
    public required byte[] CredentialId { get; set; }

    /// <summary>The COSE public key.</summary>
    public required byte[] PublicKey { get; set; }

    /// <summary>The authenticator's signature counter: a counter that goes backwards is a cloned key.</summary>
    public uint SignCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
