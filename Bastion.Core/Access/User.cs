namespace Bastion.Core.Access;

internal sealed class User
{
    public Guid Id { get; set; }

    /// <summary>Unique, stored lower-case.</summary>
    public required string UserName { get; set; }

    public required string PasswordHash { get; set; }

    /// <summary>Comma-separated <see cref="Roles"/> names.</summary>
    public string Roles { get; set; } = "";

    /// <summary>Comma-separated user group names; grants can name a group instead of a user.</summary>
    public string Groups { get; set; } = "";

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> GroupList => Groups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool IsInRole(string role) => RoleList.Contains(role, StringComparer.Ordinal);
}
