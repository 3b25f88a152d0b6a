namespace Bastion.Core.Access;

internal sealed class User
{
    public Guid Id { get; set; }

    /// <summary>Unique, stored lower-case.</summary>
    public required string UserName { get; set; }

    /// <summary>Empty for a user created by single sign-on: such a user has no local password.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Comma-separated <see cref="Roles"/> names.</summary>
    public string Roles { get; set; } = "";

    /// <summary>Comma-separated user group names; grants can name a group instead of a user.</summary>
    public string Groups { get; set; } = "";

    public bool Disabled { get; set; }

    /// <summary>The OpenID provider (its issuer) that signs this user in, or null for a local user.</summary>
    public string? ExternalIssuer { get; set; }

    /// <summary>The provider's <c>sub</c> for this user: with <see cref="ExternalIssuer"/>, what a single sign-on is
    /// matched on (never the name, which a provider may let its users change).</summary>
    public string? ExternalSubject { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> GroupList => Groups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool IsInRole(string role) => RoleList.Contains(role, StringComparer.Ordinal);
}
