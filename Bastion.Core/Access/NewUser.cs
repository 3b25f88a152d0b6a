namespace Bastion.Core.Access;

/// <summary>A user an admin creates: name, first password, roles and user groups.</summary>
internal sealed record NewUser(string? UserName, string? Password, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Groups);
