using System.Security.Claims;

namespace Bastion.Web.Auth;

/// <summary>What a validated principal says about how it signed in: its login (a <c>sid</c>: the login of a JWT, or
/// the id of an API token) and, for API tokens, their scopes.</summary>
internal static class LoginClaims
{
    public const string LoginId = "sid";
    public const string Scope = "scope";
    public const string ApiTokenAuthenticationType = "ApiToken";

    public static Guid? LoginOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(LoginId), out var id) ? id : null;

    public static Guid? UserOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue("sub"), out var id) ? id : null;

    /// <summary>Signed in with an API token (not with a password in a browser or CLI login).</summary>
    public static bool IsApiToken(ClaimsPrincipal principal) =>
        principal.Identities.Any(i => i.AuthenticationType == ApiTokenAuthenticationType);

    public static IReadOnlyList<string> ScopesOf(ClaimsPrincipal principal) =>
        [.. principal.FindAll(Scope).Select(c => c.Value)];
}
