using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Sessions;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

/// <summary><c>/api/auth/*</c>: log in for a bearer token (and a refresh cookie), renew it, log out.</summary>
internal static class AuthEndpoints
{
    public const string Tag = "Auth";

    public const string LocalLoginRefused = "password sign-in is only for administrators here; use single sign-on";

    public sealed record TokenRequest(string? Username, string? Password);

    public static void MapAuthEndpoints(this WebApplication app)
    {
        var auth = app.MapGroup("/api/auth").WithTags(Tag);
        auth.MapPost("/token", IssueTokenAsync).WithName("IssueToken")
            .Produces<ApiError>(StatusCodes.Status401Unauthorized).Produces<ApiError>(StatusCodes.Status403Forbidden)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests, "application/problem+json")
            .RequireRateLimiting(AuthExtensions.LoginRateLimit).AllowAnonymous();
        auth.MapPost("/refresh", RefreshEndpoint.RefreshAsync).WithName("RefreshToken")
            .Produces<ApiError>(StatusCodes.Status401Unauthorized).Produces<ApiError>(StatusCodes.Status403Forbidden).AllowAnonymous();

        // Ends the login: its refresh tokens, and at once every access token that names it, and its terminals.
        auth.MapPost("/logout", LogoutAsync).WithName("Logout").RequireAuthorization();
    }

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<ApiError>>> IssueTokenAsync(
        TokenRequest request, UserDirectory users, LoginIssuer issuer, IAuditLog audit, HttpContext context, IOptions<SignInOptions> signIn, CancellationToken cancellationToken)
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

        return await issuer.IssueAsync(context, user, LoginIssuer.Password);
    }

    private static async Task<NoContent> LogoutAsync(
        HttpContext context, LoginSessions logins, ISessionRegistry registry, IAuditLog log, CancellationToken cancellationToken)
    {
        var principal = context.User;
        if (LoginClaims.UserOf(principal) is { } userId && LoginClaims.LoginOf(principal) is { } loginId && !LoginClaims.IsApiToken(principal)
            && await logins.EndAsync(userId, loginId, LoginEndReasons.Logout, cancellationToken))
        {
            LoginEnding.EndSessionsOf(registry, [loginId]);
        }

        RefreshCookie.Clear(context);
        await log.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.Logout,
            Actor = principal.FindFirst("name")?.Value,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            Data = new Dictionary<string, string?> { ["login"] = LoginClaims.LoginOf(principal)?.ToString() },
        }, cancellationToken);
        return TypedResults.NoContent();
    }
}
