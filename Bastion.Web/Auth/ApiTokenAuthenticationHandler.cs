using System.Security.Claims;
using System.Text.Encodings.Web;
using Bastion.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

/// <summary>
/// <c>Authorization: Bearer bst_…</c>: a personal API token (issue 11). The principal carries the user's current roles,
/// the token's id as its login (<c>sid</c>, so terminals opened with it end when it is revoked) and its scopes, which
/// <see cref="ApiTokenScopePolicy"/> enforces on every request.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadSecret(Request) is not { } secret)
        {
            return AuthenticateResult.NoResult();
        }

        if (await tokens.AuthenticateAsync(secret, Context.RequestAborted) is not var (token, user))
        {
            return AuthenticateResult.Fail("unknown, expired or revoked API token");
        }

        var claims = new List<Claim>
        {
            new("sub", user.Id.ToString()),
            new("name", user.UserName),
            new(LoginClaims.LoginId, token.Id.ToString()),
        };
        claims.AddRange(user.RoleList.Select(r => new Claim("role", r)));
        claims.AddRange(token.ScopeList.Select(s => new Claim(LoginClaims.Scope, s)));
        var identity = new ClaimsIdentity(claims, LoginClaims.ApiTokenAuthenticationType, "name", "role");
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>The token of a <c>Bearer bst_…</c> header, or null.</summary>
    public static string? ReadSecret(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            && header.AsSpan(Bearer.Length).Trim().StartsWith(ApiTokenScopes.Prefix, StringComparison.Ordinal)
            ? header[Bearer.Length..].Trim()
            : null;
    }
}
