using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Sessions;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Bastion.Web.Terminal;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Auth;

/// <summary>
/// <c>POST /api/auth/refresh</c>: the refresh cookie for a new access token and the cookie's successor. The only
/// endpoint that reads the cookie, and it needs a same-site <c>Origin</c> (so a page elsewhere cannot make the
/// browser use it; SameSite=Strict already keeps the cookie off cross-site requests). A used token that comes back is
/// reuse: the login ends, with its terminals (RFC 9700 section 4.14.2).
/// </summary>
internal static partial class RefreshEndpoint
{
    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <param name="Active">The user did something in the page since the last refresh; only then does the refresh
    /// count as activity for the idle sign-out.</param>
    public sealed record RefreshRequest(bool? Active);

    public static async Task<Results<Ok<TokenResponse>, NoContent, JsonHttpResult<ApiError>>> RefreshAsync(
        HttpContext context, OriginPolicy origins, LoginSessions logins, TokenIssuer tokens, ISessionRegistry registry, IAuditLog audit,
        ILogger<LoginIssuer> logger, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(context.Request.Headers.Origin) || !origins.IsAllowed(context.Request))
        {
            return TypedResults.Json(new ApiError(ReplyMessages.RefreshNeedsSameSite), statusCode: StatusCodes.Status403Forbidden);
        }

        // No cookie: this browser has no login, the usual state of a first visit; 204 says so without an error (a 401
        // here would show as a failed request in every new visitor's console).
        if (RefreshCookie.Read(context) is not { } cookie)
        {
            return TypedResults.NoContent();
        }

        var active = await ReadActiveAsync(context, cancellationToken);
        var outcome = await logins.RefreshAsync(cookie, active, cancellationToken);
        switch (outcome)
        {
            case { Status: RefreshStatus.Rotated, Login: { } login, User: { } user, RefreshToken: { } next }:
                RefreshCookie.Set(context, next, login.ExpiresAt);
                return Issue(tokens, user, login);
            case { Status: RefreshStatus.Raced, Login: { } login, User: { } user }:
                return Issue(tokens, user, login);
            case { Status: RefreshStatus.Reused, Login: { } login, User: { } user }:
                LogReused(logger, login.Id, user.UserName);
                LoginEnding.EndSessionsOf(registry, [login.Id]);
                await audit.AppendAsync(new AuditEvent
                {
                    Type = AuditEventTypes.RefreshReused,
                    Actor = user.UserName,
                    ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
                    Data = new Dictionary<string, string?> { ["login"] = login.Id.ToString() },
                }, cancellationToken);
                break;
            case { Login: { } ended, EndReason: { } reason }:
                LoginEnding.EndSessionsOf(registry, [ended.Id]);
                await audit.AppendAsync(new AuditEvent
                {
                    Type = AuditEventTypes.LoginEnded,
                    ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
                    Data = new Dictionary<string, string?> { ["login"] = ended.Id.ToString(), ["reason"] = reason },
                }, cancellationToken);
                break;
        }

        RefreshCookie.Clear(context);
        return TypedResults.Json(new ApiError(ReplyMessages.SignInAgain), statusCode: StatusCodes.Status401Unauthorized);
    }

    private static Ok<TokenResponse> Issue(TokenIssuer tokens, User user, Login login)
    {
        var (token, expiresIn) = tokens.Issue(user, login.Id);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expiresIn));
    }

    /// <summary>The optional body; anything that is not a small JSON object counts as not active.</summary>
    /// <summary>The body's <c>active</c> flag, read within 1 KiB whether the client sent a length or chunked the body
    /// (a script's JSON content often has no length); anything else is "not active".</summary>
    private static async Task<bool> ReadActiveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        const int Limit = 1024;
        if (context.Request.ContentLength is 0 or > Limit || !context.Request.HasJsonContentType())
        {
            return false;
        }

        var buffer = new byte[Limit + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length is 0 or > Limit)
        {
            return false;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<RefreshRequest>(buffer.AsSpan(0, length), JsonOptions)?.Active == true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Warning, Message = "A used refresh token came back: ended login {LoginId} of {User}")]
    private static partial void LogReused(ILogger logger, Guid loginId, string user);
}
