namespace Bastion.Core.Sessions;

/// <summary>Why an invitation stopped counting, as <see cref="SessionInvitations.Ended"/> reports it.</summary>
internal enum SessionInvitationEnd
{
    Revoked,
    Expired,
    SessionEnded,
}
