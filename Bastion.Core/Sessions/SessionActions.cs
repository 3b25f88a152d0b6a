using Bastion.Core.Access;
using Bastion.Core.Recording;
using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>Ending sessions on request (an administrator's kill and the owner's "end session", both through the
/// session's one <see cref="LiveSession.End"/>), and who may attach to a running session.</summary>
internal sealed class SessionActions(ISessionRegistry registry, SessionAuditor auditor, SessionInvitations invitations, TimeProvider time)
{
    /// <summary>Commits <c>session.killed</c>, then ends the session. False if it is not running here.</summary>
    public async Task<bool> KillAsync(string sessionId, string by, string? clientAddress, CancellationToken cancellationToken)
    {
        if (registry.Find(sessionId) is not { } session)
        {
            return false;
        }

        await auditor.AuditKilledAsync(session.Facts, by, clientAddress, cancellationToken);
        session.End(SessionEnding.Killed(by));
        return true;
    }

    /// <summary>The owner ends their own session (it may be detached). False if it is not theirs or not running.</summary>
    public bool EndByOwner(string sessionId, Guid userId)
    {
        if (registry.Find(sessionId) is not { } session || session.UserId != userId)
        {
            return false;
        }

        return session.End(SessionEnding.EndedByUser);
    }

    /// <summary>
    /// Who may attach to <paramref name="sessionId"/> in <paramref name="mode"/> (<c>control</c> or <c>watch</c>), and as
    /// what: the owner (control or watch of their own session); an admin or auditor (watch); a user with an open
    /// invitation that covers the mode (a control invitation attaches as a helper that types, never taking the owner's
    /// place). Null for anyone else, and for a session that is not running here: callers answer all of those with the
    /// same 404. <paramref name="accessOf"/> is whose grant must still cover the host: the owner's for the owner and
    /// for invitees (an invitee needs no grant of their own), none for staff watching.
    /// </summary>
    public (LiveSession Live, AttachRole Role, Guid? AccessOf)? FindForAttach(string sessionId, User user, string mode)
    {
        if (registry.Find(sessionId) is not { Shell: { IsEnded: false } } session)
        {
            return null;
        }

        if (session.UserId == user.Id && mode is SessionInvitationModes.Control)
        {
            return (session, AttachRole.Owner, user.Id);
        }

        if (mode is SessionInvitationModes.Watch && (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Auditor)))
        {
            return (session, AttachRole.Watcher, null);
        }

        if (session.UserId != user.Id && invitations.Allows(sessionId, user.Id, mode, time.GetUtcNow()))
        {
            return (session, mode is SessionInvitationModes.Control ? AttachRole.Helper : AttachRole.Watcher, session.UserId);
        }

        return null;
    }
}
