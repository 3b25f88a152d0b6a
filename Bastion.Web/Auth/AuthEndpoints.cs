using System.Security.Claims;
using System.Text.Json.Serialization;
using Bastion.Core.Audit;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

/// <summary><c>/api/auth/*</c>: log in for a bearer token, and record a log-out.</summary>
internal static class AuthEndpoints
{
    public const string Tag = "Auth";

    public const string LocalLoginRefused = "password sign-in is only for administrators here; use single sign-on";

    public sealed record TokenRequest(string? Username, string? Password);

    /// <summary>OAuth 2.0 style token reply (RFC 6749 section 5.1 names), so generic clients read it.</summary>
    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    public static void MapAuthEndpoints(this WebApplication app)
    {
        var auth = app.MapGroup("/api/auth").WithTags(Tag);
        auth.MapPost("/token", IssueTokenAsync).WithName("IssueToken")
            .Produces<ApiError>(StatusCodes.Status401Unauthorized).Produces<ApiError>(StatusCodes.Status403Forbidden)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests, "application/problem+json")
            .RequireRateLimiting(AuthExtensions.LoginRateLimit).AllowAnonymous();

        // Tokens are stateless, so logging out is the client dropping its token; this only records that it did.
        auth.MapPost("/logout", LogoutAsync).WithName("Logout").RequireAuthorization();
    }

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<ApiError>>> IssueTokenAsync(
        TokenRequest request, UserDirectory users, TokenIssuer issuer, IAuditLog audit, HttpContext context, IOptions<SignInOptions> signIn, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password) || request.Username.Length > 64 || request.Password.Length > 1024
            ? null
            : await users.VerifyPasswordAsync(request.Username, request.Password, cancellationToken);
        var ip = context.Connection.RemoteIpAddress?.ToString();
        if (user is null)
        {
            // The attempted name is data from an unauthenticated client: stored (trimmed) as data, never as the actor.
            var attempted = request.Username is { Length: > 64 } name ? name[..64] : request.Username;
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.LoginFailed,
                ClientAddress = ip,
                Data = new Dictionary<string, string?> { ["user"] = attempted, ["reason"] = "invalid username or password" },
            }, cancellationToken);
            return TypedResults.Json(new ApiError("invalid username or password"), statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!signIn.Value.AllowsPassword(user))
        {
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.LoginFailed,
                ClientAddress = ip,
                Data = new Dictionary<string, string?> { ["user"] = user.UserName, ["reason"] = "local login is for admins" },
            }, cancellationToken);
            return TypedResults.Json(new ApiError(LocalLoginRefused), statusCode: StatusCodes.Status403Forbidden);
        }

        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.LoginSucceeded,
            Actor = user.UserName,
            ClientAddress = ip,
            Data = new Dictionary<string, string?> { ["roles"] = user.Roles },
        }, cancellationToken);
        var (token, expiresIn) = issuer.Issue(user);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expiresIn));
    }

    private static async Task<NoContent> LogoutAsync(ClaimsPrincipal principal, HttpContext context, IAuditLog log, CancellationToken cancellationToken)
    {
        await log.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.Logout,
            Actor = principal.FindFirst("name")?.Value,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
        }, cancellationToken);
        return TypedResults.NoContent();
    }
}
