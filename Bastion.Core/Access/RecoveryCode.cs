namespace Bastion.Core.Access;

/// <summary>One single-use recovery code, stored as its SHA-256 (the codes are random, 50 bits each, so a slow hash
/// adds nothing); shown to the user once, when the set is made.</summary>
internal sealed class RecoveryCode
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>Hex SHA-256 of the normalised code (upper case, no dashes).</summary>
    public required string CodeHash { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
