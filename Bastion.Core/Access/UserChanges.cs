namespace Bastion.Core.Access;

/// <summary>A change to a user's roles, groups or disabled flag; a null field stays as it is.</summary>
internal sealed record UserChanges(IReadOnlyList<string>? Roles, IReadOnlyList<string>? Groups, bool? Disabled);
