using Bastion.Core.Access;

namespace Bastion.Web.Auth;

/// <summary>
/// Where a password sign-in is complete, from the password-only path and from the second-factor path alike: the
/// account's lockout count starts again, a second factor given counts as fresh for step-up hosts, and the login starts
/// through <see cref="LoginIssuer"/> (the one place a login begins: refresh cookie, audit with the method, token).
/// </summary>
internal sealed class LoginCompletion(LoginIssuer issuer, LoginLockouts lockouts, StepUpClock stepUp)
{
    /// <param name="method"><c>password</c>, <c>totp</c>, <c>recovery_code</c> or <c>passkey</c>.</param>
    public async Task<TokenResponse> CompleteAsync(User user, string method, HttpContext context, CancellationToken cancellationToken)
    {
        await lockouts.ResetAsync(user.UserName, cancellationToken);
        if (method != LoginIssuer.Password)
        {
            await stepUp.RecordAsync(user.Id);
        }

        return (await issuer.IssueAsync(context, user, method)).Value!;
    }
}
