using Bastion.Core.Access;
using Bastion.Core.Cluster;
using Bastion.Core.Recording;
using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>Ending sessions on request (an administrator's kill and the owner's "end session", both through the
/// session's one <see cref="LiveSession.End"/>), and who may attach to a running session.</summary>
internal sealed class SessionActions(ISessionRegistry registry, SessionAuditor auditor, SessionInvitations invitations, TimeProvider time, IClusterBus bus)
{
    /// <summary>Commits <c>session.killed</c>, then ends the session; a session on another node is killed there (its
    /// node audits and ends it on the command). False if it runs nowhere that this node can reach.</summary>
    public async Task<bool> KillAsync(string sessionId, string by, string? clientAddress, CancellationToken cancellationToken)
    {
        if (registry.Find(sessionId) is not { } session)
        {
            return await bus.FindRemoteAsync(sessionId) is { } remote
                && await bus.SendAsync(remote.NodeId, new NodeCommand(NodeCommand.Kill, sessionId, by, clientAddress));
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

    /// <summary><see cref="EndByOwner"/> wherever the session runs (the owning node checks the owner again).</summary>
    public async Task<bool> EndByOwnerAnywhereAsync(string sessionId, Guid userId)
    {
        if (registry.Find(sessionId) is not null)
        {
            return EndByOwner(sessionId, userId);
        }

        return await bus.FindRemoteAsync(sessionId) is { } remote && remote.UserId == userId
            && await bus.SendAsync(remote.NodeId, new NodeCommand(NodeCommand.EndByOwner, sessionId, UserId: userId));
    }

    /// <summary>Runs a command another node sent to this one, for a session that runs here.</summary>
    public async Task RunCommandAsync(NodeCommand command, CancellationToken cancellationToken)
    {
        switch (command.Kind)
        {
            case NodeCommand.Kill when registry.Find(command.SessionId) is not null:
                await KillAsync(command.SessionId, command.By ?? "unknown", command.ClientAddress, cancellationToken);
                break;
            case NodeCommand.EndByOwner when command.UserId is { } userId:
                EndByOwner(command.SessionId, userId);
                break;
        }
    }

    /// <summary>
    /// Whether <paramref name="user"/> may ask for a ticket to <paramref name="remote"/>, a session on another node: its
    /// owner, or an admin or auditor watching. Invitees ask <see cref="Cluster.SharedInvitations"/>, where the owning
    /// node shares its invitations. The owning node decides again when the socket arrives.
    /// </summary>
    public static bool MayAskRemote(RemoteSession remote, User user, string mode) =>
        (remote.UserId == user.Id && mode is SessionInvitationModes.Control)
        || (mode is SessionInvitationModes.Watch && (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Auditor)));

    /// <summary>
    /// Who may attach to <paramref name="sessionId"/> in <paramref name="mode"/> (<c>control</c> or <c>watch</c>), and as
    /// what: the owner (control; watching their own session only as an admin or auditor); an admin or auditor (watch);
    /// a user with an open invitation that covers the mode (a control invitation attaches as a helper that types, never
    /// taking the owner's place). Null for anyone else, and for a session that is not running here: callers answer all of those with the
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
