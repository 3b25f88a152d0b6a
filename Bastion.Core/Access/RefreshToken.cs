namespace Bastion.Core.Access;

/// <summary>One refresh token of a <see cref="Login"/> (its family). Only the SHA-256 of the token is stored. A token is
/// used once: using it issues its successor; presenting a used one again is reuse, which ends the login.</summary>
internal sealed class RefreshToken
{
    /// <summary>Hex SHA-256 of the token; the key.</summary>
    public required string Hash { get; set; }

    public Guid LoginId { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
