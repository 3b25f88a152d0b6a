namespace Bastion.Core.Access;

/// <summary>How single sign-on maps a provider's users onto Bastion's: whether an unknown user is created on first
/// sign-in, and which provider groups give which roles and user groups. A user in none of the mapped groups is refused.</summary>
internal sealed record ExternalSignInRules(bool CreateUsers, IReadOnlyList<ExternalGroupMapping> Mappings);
