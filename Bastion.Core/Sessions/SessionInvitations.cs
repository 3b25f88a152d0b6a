using System.Security.Cryptography;
using Bastion.Core.Inventory;
using Bastion.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.Sessions;

/// <summary>
/// The open invitations of this process's running sessions, and their rules: bound to the invited user, limited in
/// time (<see cref="SessionInvitationLimits"/>), revocable, and over when the session is. The attach and ticket checks
/// ask <see cref="Allows"/>; whoever holds attachments listens to <see cref="OnEnded"/> to drop an invitee whose
/// invitation was revoked or expired. In-process like <see cref="InProcessSessionRegistry"/>; the map is bounded
/// per session and in total, and refuses at the bound.
/// </summary>
internal sealed partial class SessionInvitations(ISessionRegistry registry, TimeProvider time, ILogger<SessionInvitations> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Entry>> _bySession = new(StringComparer.Ordinal);
    private readonly List<Action<SessionInvitation, SessionInvitationEnd>> _listeners = [];
    private int _count;

    /// <summary>Open invitations, all sessions together.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>The running session with this id if <paramref name="callerId"/> may manage its invitations (its owner,
    /// or an admin); null otherwise: unknown, ended and someone else's are alike, so ids cannot be probed.</summary>
    public LiveSession? FindManaged(string sessionId, Guid callerId, bool callerIsAdmin) =>
        registry.Find(sessionId) is { IsLive: true } session && (session.UserId == callerId || callerIsAdmin) ? session : null;

    /// <summary>Invites <paramref name="inviteeId"/> (an existing, enabled user the caller has looked up) to
    /// <paramref name="session"/>. Field errors are keyed <c>user</c>, <c>mode</c> and <c>minutes</c>; a bound is a
    /// conflict.</summary>
    public ChangeResult<SessionInvitation> Invite(
        LiveSession session, Guid inviteeId, string inviteeName, string? mode, int? minutes, string invitedBy)
    {
        mode ??= SessionInvitationModes.Watch;
        if (!SessionInvitationModes.IsKnown(mode))
        {
            return ChangeResult<SessionInvitation>.Invalid("mode", FieldMessages.InviteMode);
        }

        var length = minutes ?? SessionInvitationLimits.DefaultMinutes;
        if (length is < 1 or > SessionInvitationLimits.MaxMinutes)
        {
            return ChangeResult<SessionInvitation>.Invalid("minutes", FieldMessages.InviteMinutes(SessionInvitationLimits.MaxMinutes));
        }

        if (inviteeId == session.UserId)
        {
            return ChangeResult<SessionInvitation>.Invalid("user", FieldMessages.InviteOwner);
        }

        var now = time.GetUtcNow();
        var invitation = new SessionInvitation
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            SessionId = session.Id,
            OwnerName = session.UserName,
            InvitedBy = invitedBy,
            InviteeId = inviteeId,
            InviteeName = inviteeName,
            Mode = mode,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(length),
        };

        var ended = Prune(now);
        ChangeResult<SessionInvitation> result;
        lock (_lock)
        {
            result = AddLocked(invitation, now);
        }

        Notify(ended);
        return result;
    }

    /// <summary>The session's open invitations, oldest first (empty once the session has ended).</summary>
    public IReadOnlyList<SessionInvitation> List(string sessionId)
    {
        var now = time.GetUtcNow();
        Notify(Prune(now));
        lock (_lock)
        {
            return _bySession.TryGetValue(sessionId, out var entries) ? [.. entries.Select(e => e.Invitation)] : [];
        }
    }

    /// <summary>The open invitations of <paramref name="inviteeId"/>, to running sessions, soonest to expire first.</summary>
    public IReadOnlyList<SessionInvitation> ListFor(Guid inviteeId)
    {
        Notify(Prune(time.GetUtcNow()));
        lock (_lock)
        {
            return [.. _bySession.Values.SelectMany(e => e).Select(e => e.Invitation).Where(i => i.InviteeId == inviteeId).OrderBy(i => i.ExpiresAt)];
        }
    }

    /// <summary>Revokes one invitation of the session; the removed invitation, or null if there was none.
    /// Listeners of <see cref="OnEnded"/> hear <see cref="SessionInvitationEnd.Revoked"/>.</summary>
    public SessionInvitation? Revoke(string sessionId, string invitationId)
    {
        Entry? removed;
        lock (_lock)
        {
            removed = RemoveLocked(sessionId, e => e.Invitation.Id == invitationId).FirstOrDefault();
        }

        if (removed is null)
        {
            return null;
        }

        Notify([(removed, SessionInvitationEnd.Revoked)]);
        return removed.Invitation;
    }

    /// <summary>
    /// The one question the attach and ticket checks ask for a user who is not the session's owner: does an open
    /// invitation let <paramref name="userId"/> attach to <paramref name="sessionId"/> in <paramref name="mode"/>
    /// (<c>watch</c> or <c>control</c>) at <paramref name="now"/>? A control invitation allows watching too; a watch
    /// invitation never allows typing. False once the session is not running here.
    /// </summary>
    public bool Allows(string sessionId, Guid userId, string mode, DateTimeOffset now)
    {
        if (!SessionInvitationModes.IsKnown(mode) || registry.Find(sessionId) is not { IsLive: true })
        {
            return false;
        }

        lock (_lock)
        {
            return _bySession.TryGetValue(sessionId, out var entries)
                && entries.Any(e => e.Invitation.InviteeId == userId && now < e.Invitation.ExpiresAt
                    && SessionInvitationModes.Covers(e.Invitation.Mode, mode));
        }
    }

    /// <summary>Drops every invitation of a session that is over (call it from the session's end; without that call
    /// they are dropped lazily, and <see cref="Allows"/> is false already).</summary>
    public void EndSession(string sessionId)
    {
        List<Entry> removed;
        lock (_lock)
        {
            removed = RemoveLocked(sessionId, _ => true);
        }

        Notify([.. removed.Select(e => (e, SessionInvitationEnd.SessionEnded))]);
    }

    /// <summary>Calls <paramref name="listener"/> after an invitation is revoked, expires or ends with its session
    /// (outside the store's lock). Dispose the result to stop listening.</summary>
    public IDisposable OnEnded(Action<SessionInvitation, SessionInvitationEnd> listener)
    {
        lock (_lock)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var entry in _bySession.Values.SelectMany(e => e))
            {
                entry.Timer?.Dispose();
            }

            _bySession.Clear();
            _count = 0;
        }
    }

    private ChangeResult<SessionInvitation> AddLocked(SessionInvitation invitation, DateTimeOffset now)
    {
        _bySession.TryGetValue(invitation.SessionId, out var entries);
        if (entries?.Any(e => e.Invitation.InviteeId == invitation.InviteeId) == true)
        {
            return ChangeResult<SessionInvitation>.Invalid("user", FieldMessages.InviteDuplicate);
        }

        if ((entries?.Count ?? 0) >= SessionInvitationLimits.PerSession)
        {
            return ChangeResult<SessionInvitation>.Conflict(ReplyMessages.InvitationsPerSession(SessionInvitationLimits.PerSession));
        }

        if (_count >= SessionInvitationLimits.Total)
        {
            return ChangeResult<SessionInvitation>.Conflict(ReplyMessages.InvitationsServerFull);
        }

        var entry = new Entry(invitation);
        entry.Timer = time.CreateTimer(static state => ((Expiry)state!).Fire(), new Expiry(this, entry), invitation.ExpiresAt - now, Timeout.InfiniteTimeSpan);
        if (entries is null)
        {
            _bySession[invitation.SessionId] = entries = [];
        }

        entries.Add(entry);
        _count++;
        return ChangeResult<SessionInvitation>.Done(invitation);
    }

    private List<Entry> RemoveLocked(string sessionId, Func<Entry, bool> match)
    {
        if (!_bySession.TryGetValue(sessionId, out var entries))
        {
            return [];
        }

        var removed = entries.Where(match).ToList();
        foreach (var entry in removed)
        {
            entries.Remove(entry);
            entry.Timer?.Dispose();
            _count--;
        }

        if (entries.Count == 0)
        {
            _bySession.Remove(sessionId);
        }

        return removed;
    }

    /// <summary>Drops expired invitations and those of sessions that are over.</summary>
    private List<(Entry, SessionInvitationEnd)> Prune(DateTimeOffset now)
    {
        List<string> sessionIds;
        lock (_lock)
        {
            sessionIds = [.. _bySession.Keys];
        }

        var over = sessionIds.Where(id => registry.Find(id) is not { IsLive: true }).ToHashSet(StringComparer.Ordinal);
        var ended = new List<(Entry, SessionInvitationEnd)>();
        lock (_lock)
        {
            foreach (var id in sessionIds)
            {
                var sessionOver = over.Contains(id);
                ended.AddRange(RemoveLocked(id, e => sessionOver || now >= e.Invitation.ExpiresAt)
                    .Select(e => (e, sessionOver ? SessionInvitationEnd.SessionEnded : SessionInvitationEnd.Expired)));
            }
        }

        return ended;
    }

    private void Expire(Entry entry)
    {
        bool removed;
        lock (_lock)
        {
            removed = RemoveLocked(entry.Invitation.SessionId, e => ReferenceEquals(e, entry)).Count > 0;
        }

        if (removed)
        {
            Notify([(entry, SessionInvitationEnd.Expired)]);
        }
    }

    private void Notify(IReadOnlyList<(Entry Entry, SessionInvitationEnd Why)> ended)
    {
        if (ended.Count == 0)
        {
            return;
        }

        Action<SessionInvitation, SessionInvitationEnd>[] listeners;
        lock (_lock)
        {
            listeners = [.. _listeners];
        }

        foreach (var (entry, why) in ended)
        {
            LogEnded(logger, entry.Invitation.Id, entry.Invitation.SessionId, why);

            // Revoked or expired: whoever joined through it is dropped now, not at their next attach.
            if (why != SessionInvitationEnd.SessionEnded)
            {
                registry.Find(entry.Invitation.SessionId)?.Shell?.DropWatchers(entry.Invitation.InviteeName);
            }

            foreach (var listener in listeners)
            {
                try
                {
                    listener(entry.Invitation, why);
                }
                catch (Exception ex)
                {
                    // A listener's bug must not stop the others, nor crash the expiry timer's thread.
                    LogListenerFailed(logger, entry.Invitation.SessionId, ex);
                }
            }
        }
    }
}
