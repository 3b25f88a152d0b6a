using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>Terminals follow the login that opened them (issue 11): when it ends (logout, idle or absolute expiry, a
/// disabled user, a password change or reset, a revoked API token) its sessions end, attached or detached, through the
/// one <see cref="LiveSession.End"/> with <see cref="Ending"/> (<c>login_ended</c>, close 4005).</summary>
internal static class LoginEnding
{
    public const string Message = "your sign-in ended (logged out, expired or revoked), so its terminals were closed; sign in again";

    public static readonly SessionEnding Ending =
        SessionEnding.Outside(ErrorCodes.LoginEnded, Message, CloseCodes.LoginEnded, "login ended", "login_ended");

    /// <summary>Ends the live sessions opened under any of <paramref name="loginIds"/>; returns how many.</summary>
    public static int EndSessionsOf(ISessionRegistry registry, IReadOnlyCollection<Guid> loginIds)
    {
        if (loginIds.Count == 0)
        {
            return 0;
        }

        var ended = 0;
        foreach (var session in registry.Snapshot())
        {
            if (session.Request.LoginId is { } login && loginIds.Contains(login) && session.IsLive && session.End(Ending))
            {
                ended++;
            }
        }

        return ended;
    }
}
