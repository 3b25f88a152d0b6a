namespace Bastion.Core.Sessions;

/// <summary>The bounds of <see cref="SessionInvitations"/>. Policy at a bound: refuse the new invitation (the owner
/// revokes one first); an existing invitation is never dropped to make room.</summary>
internal static class SessionInvitationLimits
{
    public const int DefaultMinutes = 30;

    /// <summary>8 h: a working day; longer help is a grant, not an invitation.</summary>
    public const int MaxMinutes = 480;

    /// <summary>Open invitations of one session.</summary>
    public const int PerSession = 20;

    /// <summary>Open invitations in this process, all sessions together.</summary>
    public const int Total = 2000;
}
