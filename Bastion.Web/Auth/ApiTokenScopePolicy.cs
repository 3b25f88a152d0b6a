using Bastion.Core.Access;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;

namespace Bastion.Web.Auth;

/// <summary>
/// What each API token scope allows, by request (issue 11); the user's roles still decide the rest. <c>read</c>:
/// GET and HEAD on the API. <c>terminal</c>: tickets, the terminal and attach sockets, ending and sharing one's own
/// sessions. <c>admin</c>: every other change. Never with a token: <c>/api/account</c> and <c>/api/auth</c> (a token
/// cannot make tokens, change the password or hold a login) — those need a signed-in user; nor changes under
/// <c>/api/me</c> (the person's own terminal settings and starred hosts, issue 14): a script may read them with any
/// scope, but what the browser looks like is the person's to change, not an automation token's, whatever its scopes.
/// </summary>
internal static class ApiTokenScopePolicy
{
    /// <summary>The scope <paramref name="method"/> on <paramref name="path"/> needs; null = no token may.</summary>
    public static string? Needed(string method, PathString path)
    {
        if (path.StartsWithSegments("/api/account") || path.StartsWithSegments("/api/auth"))
        {
            return null;
        }

        if (path.StartsWithSegments("/ws/terminal") || path.StartsWithSegments("/ws/sessions") || path.StartsWithSegments("/api/terminal"))
        {
            return ApiTokenScopes.Terminal;
        }

        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        if (read)
        {
            return ApiTokenScopes.Read;
        }

        if (path.StartsWithSegments("/api/me"))
        {
            return null;
        }

        // One's own sessions: end one (DELETE /api/sessions/{id}) or share it (/api/sessions/{id}/invitations).
        if (path.StartsWithSegments("/api/sessions", out var rest))
        {
            var parts = (rest.Value ?? "").Trim('/').Split('/');
            if ((HttpMethods.IsDelete(method) && parts.Length == 1) || (parts.Length >= 2 && parts[1] == "invitations"))
            {
                return ApiTokenScopes.Terminal;
            }
        }

        return ApiTokenScopes.Admin;
    }

    public static bool Allows(IReadOnlyList<string> scopes, string method, PathString path) =>
        Needed(method, path) is { } scope && (scopes.Contains(scope) || (scope == ApiTokenScopes.Read && scopes.Count > 0));

    /// <summary>Refuses (403) a request made with an API token whose scopes do not cover it, before any endpoint runs.</summary>
    public static void UseApiTokenScopes(this WebApplication app) => app.Use(async (context, next) =>
    {
        var principal = context.User;
        if (LoginClaims.IsApiToken(principal) && !Allows(LoginClaims.ScopesOf(principal), context.Request.Method, context.Request.Path))
        {
            var scope = Needed(context.Request.Method, context.Request.Path);
            var message = scope is null ? ReplyMessages.TokenNotUsableHere : ReplyMessages.TokenScopeMissing(scope);
            await Results.Json(new ApiError(message), statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
