using Bastion.Core.Access;
using Bastion.Core.Audit;

namespace Bastion.Web.Auth;

/// <summary>
/// The one place where a login is complete and its token is issued, reached from the password-only path and from the
/// second-factor path alike: the account's lockout count starts again, <c>auth.login.succeeded</c> is written with
/// how the user signed in, and a second factor given counts as fresh for step-up hosts.
/// </summary>
internal sealed class LoginCompletion(TokenIssuer issuer, LoginLockouts lockouts, StepUpClock stepUp, IAuditLog audit)
{
    /// <param name="method"><c>password</c>, <c>totp</c>, <c>recovery_code</c> or <c>passkey</c>.</param>
    public async Task<AuthEndpoints.TokenResponse> CompleteAsync(User user, string method, HttpContext context, CancellationToken cancellationToken)
    {
        await lockouts.ResetAsync(user.UserName, cancellationToken);
        if (method != "password")
        {
            stepUp.Record(user.Id);
        }

        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.LoginSucceeded,
            Actor = user.UserName,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            Data = new Dictionary<string, string?> { ["roles"] = user.Roles, ["method"] = method },
        }, cancellationToken);
        var (token, expiresIn) = issuer.Issue(user);
        return new AuthEndpoints.TokenResponse(token, "Bearer", expiresIn);
    }
}
