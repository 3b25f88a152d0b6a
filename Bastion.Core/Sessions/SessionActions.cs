using Bastion.Core.Access;
using Bastion.Core.Recording;
using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>Ending sessions on request: an administrator's kill and the owner's "end session". Both go through the
/// session's one <see cref="LiveSession.End"/>.</summary>
internal sealed class SessionActions(ISessionRegistry registry, SessionAuditor auditor)
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

    /// <summary>A running session an admin or auditor may watch read-only (any user's), or null; null for anyone else.</summary>
    public LiveSession? FindWatchable(string sessionId, User user) =>
        (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Auditor))
        && registry.Find(sessionId) is { } session && session.Shell is { IsEnded: false } ? session : null;

    /// <summary>The owner's running session with this id, or null (unknown, ended, someone else's: all alike).</summary>
    public LiveSession? FindOwn(string sessionId, Guid userId) =>
        registry.Find(sessionId) is { } session && session.UserId == userId && session.Shell is { IsEnded: false } ? session : null;
}
