using Bastion.Core.Access;
using Bastion.Core.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Auth;

/// <summary>
/// The one place where a sign-in is complete (issue 11): whatever checked the user (password; the MFA and SSO steps
/// call it too), this starts the login, sets its refresh cookie, audits <c>auth.login.succeeded</c> with the method,
/// and returns the access token.
/// </summary>
internal sealed class LoginIssuer(LoginSessions logins, TokenIssuer tokens, IAuditLog audit)
{
    public const string Password = "password";

    public const string Oidc = "oidc";

    /// <param name="details">More audit data of this kind of sign-in (single sign-on: the user's groups).</param>
    public async Task<Ok<TokenResponse>> IssueAsync(HttpContext context, User user, string method, IReadOnlyDictionary<string, string?>? details = null)
    {
        var cancellationToken = context.RequestAborted;
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var (login, refresh) = await logins.StartAsync(user, method, ip, context.Request.Headers.UserAgent.ToString(), cancellationToken);
        var data = new Dictionary<string, string?> { ["roles"] = user.Roles, ["method"] = method, ["login"] = login.Id.ToString() };
        foreach (var (key, value) in details ?? new Dictionary<string, string?>())
        {
            data.TryAdd(key, value);
        }

        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.LoginSucceeded,
            Actor = user.UserName,
            ClientAddress = ip,
            Data = data,
        }, cancellationToken);
        RefreshCookie.Set(context, refresh, login.ExpiresAt);
        var (token, expiresIn) = tokens.Issue(user, login.Id);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expiresIn));
    }
}
