namespace Bastion.Core.Access;

internal sealed class User
{
    public Guid Id { get; set; }

    /// <summary>Unique, stored lower-case.</summary>
    public required string UserName { get; set; }

    public required string PasswordHash { get; set; }

    /// <summary>Comma-separated <see cref="Roles"/> names.</summary>
    public string Roles { get; set; } = "";

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool IsInRole(string role) => RoleList.Contains(role, StringComparer.Ordinal);
}
