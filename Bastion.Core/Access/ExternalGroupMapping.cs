namespace Bastion.Core.Access;

/// <summary>One value of the provider's groups claim, and the Bastion roles and user groups its members get.</summary>
internal sealed record ExternalGroupMapping(string Group, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups);
