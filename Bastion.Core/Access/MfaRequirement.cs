namespace Bastion.Core.Access;

/// <summary><c>Auth:RequireMfa</c>: who must have a second factor.</summary>
public enum MfaRequirement
{
    None,
    Admins,
    All,
}
