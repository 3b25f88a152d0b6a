namespace Bastion.Core.Access;

/// <summary>A user's TOTP authenticator (RFC 6238). The secret is encrypted with the vault's protector; a row that is
/// not yet <see cref="Confirmed"/> is an enrolment waiting for its first code.</summary>
internal sealed class UserTotp
{
    public Guid UserId { get; set; }

    /// <summary>The 20-byte secret, base32, as <c>ISecretProtector.Protect</c> returned it.</summary>
    public required string ProtectedSecret { get; set; }

    public bool Confirmed { get; set; }

    /// <summary>The last 30-second step whose code was accepted: that step and earlier ones are refused (a code is
    /// single use within its window).</summary>
    public long LastUsedStep { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
