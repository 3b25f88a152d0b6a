namespace Bastion.Web.Auth;

/// <summary>What a finished single sign-on left for the page to pick up: the signed-in user, or the refusal's
/// <see cref="Core.Validation.ReplyCodes"/> code and English message.</summary>
internal sealed record SsoHandoff(Guid? UserId, string? Message, DateTimeOffset ExpiresAt, string? Code = null);
