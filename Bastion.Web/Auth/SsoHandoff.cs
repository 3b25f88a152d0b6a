namespace Bastion.Web.Auth;

/// <summary>What a finished single sign-on left for the page to pick up: the signed-in user, or the refusal message.</summary>
internal sealed record SsoHandoff(Guid? UserId, string? Message, DateTimeOffset ExpiresAt);
