using System.Security.Claims;
using System.Text.Json.Serialization;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Sessions;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

/// <summary><c>/api/auth/*</c>: log in for a bearer token (and a refresh cookie), renew it, log out.</summary>
internal static class AuthEndpoints
{
    public const string Tag = "Auth";

    public sealed record TokenRequest(string? Username, string? Password);

    public static void MapAuthEndpoints(this WebApplication app)
    {
        var auth = app.MapGroup("/api/auth").WithTags(Tag);
        auth.MapPost("/token", IssueTokenAsync).WithName("IssueToken")
            .Produces<ApiError>(StatusCodes.Status401Unauthorized).Produces<ApiError>(StatusCodes.Status403Forbidden)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests, "application/problem+json")
            .RequireRateLimiting(AuthExtensions.LoginRateLimit).AllowAnonymous();
        auth.MapPost("/refresh", RefreshEndpoint.RefreshAsync).WithName("RefreshToken")
            .Produces(StatusCodes.Status204NoContent).Produces<ApiError>(StatusCodes.Status401Unauthorized).Produces<ApiError>(StatusCodes.Status403Forbidden).AllowAnonymous();

        // Ends the login: its refresh tokens, and at once every access token that names it, and its terminals.
        auth.MapPost("/logout", LogoutAsync).WithName("Logout").RequireAuthorization();
    }

    /// <summary>The first step's reply when the user has (or must set up) a second factor.</summary>
    public sealed record MfaRequiredResponse(
        [property: JsonPropertyName("mfa_required")] bool MfaRequired,
        [property: JsonPropertyName("mfa_token")] string MfaToken,
        [property: JsonPropertyName("methods")] IReadOnlyList<string> Methods,
        [property: JsonPropertyName("enrol_required")] bool EnrolRequired);

    private static async Task<Results<Ok<TokenResponse>, Ok<MfaRequiredResponse>, JsonHttpResult<ApiError>>> IssueTokenAsync(
        TokenRequest request, UserDirectory users, LoginCompletion completion, LoginLockouts lockouts, SecondFactors factors,
        MfaChallenges challenges, IAuditLog audit, HttpContext context, IOptions<SignInOptions> signIn, CancellationToken cancellationToken)
    {
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var wellFormed = !string.IsNullOrEmpty(request.Username) && !string.IsNullOrEmpty(request.Password) && request.Username.Length <= 64 && request.Password.Length <= 1024;

        // 1. A locked account is refused before its password is checked, whatever the password and the address.
        if (wellFormed && await lockouts.RemainingAsync(request.Username!, cancellationToken) is { } remaining)
        {
            return await LoginRefusal.LockedAsync(context, audit, request.Username, remaining, cancellationToken);
        }

        // 2. The password; a failure counts against the account named, existing or not.
        var user = wellFormed ? await users.VerifyPasswordAsync(request.Username!, request.Password!, cancellationToken) : null;
        if (user is null)
        {
            // The attempted name is data from an unauthenticated client: stored (trimmed) as data, never as the actor.
            var attempted = LoginRefusal.Trim(request.Username);
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.LoginFailed,
                ClientAddress = ip,
                Data = new Dictionary<string, string?> { ["user"] = attempted, ["reason"] = "invalid username or password" },
            }, cancellationToken);
            if (wellFormed)
            {
                await LockoutAudit.CountFailureAsync(lockouts, audit, request.Username!, ip, cancellationToken);
            }

            return TypedResults.Json(new ApiError(ReplyMessages.InvalidCredentials), statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!signIn.Value.AllowsPassword(user))
        {
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.LoginFailed,
                ClientAddress = ip,
                Data = new Dictionary<string, string?> { ["user"] = user.UserName, ["reason"] = "local login is for admins" },
            }, cancellationToken);
            return TypedResults.Json(new ApiError(ReplyMessages.LocalLoginRefused), statusCode: StatusCodes.Status403Forbidden);
        }

        // 3. A second factor, or its enrolment when the user must have one; else the login is complete.
        var status = await factors.StatusAsync(user.Id, cancellationToken);
        var enrol = !status.Any && factors.MustHave(user);
        if (!status.Any && !enrol)
        {
            return TypedResults.Ok(await completion.CompleteAsync(user, "password", context, cancellationToken));
        }

        if (await challenges.IssueAsync(user, enrol) is not { } mfaToken)
        {
            return TypedResults.Json(new ApiError(ReplyMessages.SignInsBusy), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.MfaChallenged,
            Actor = user.UserName,
            ClientAddress = ip,
            Data = new Dictionary<string, string?> { ["enrol"] = enrol ? "true" : "false" },
        }, cancellationToken);
        var methods = enrol ? ["totp"] : MfaMethods.Of(status);
        return TypedResults.Ok(new MfaRequiredResponse(true, mfaToken, methods, enrol));
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
