namespace Bastion.Core.Access;

/// <summary>A personal API token for scripts and CLIs (issue 11): named, scoped, expiring, stored as a SHA-256 hash of
/// the secret, which is shown once at creation. Revoked tokens stay (with <see cref="RevokedAt"/>) for the record.</summary>
internal sealed class ApiToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>Comma-separated <see cref="ApiTokenScopes"/>.</summary>
    public required string Scopes { get; set; }

    /// <summary>Hex SHA-256 of the secret.</summary>
    public required string Hash { get; set; }

    /// <summary>The first characters of the secret (after the prefix), so a user can tell tokens apart.</summary>
    public required string Hint { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool IsLive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
