namespace Bastion.Core.Sessions;

internal sealed partial class SessionInvitations
{
    /// <summary>One open invitation and its expiry timer.</summary>
    private sealed class Entry(SessionInvitation invitation)
    {
        public SessionInvitation Invitation { get; } = invitation;

        public ITimer? Timer { get; set; }
    }

    /// <summary>The expiry timer's state: which entry to expire.</summary>
    private sealed class Expiry(SessionInvitations owner, Entry entry)
    {
        public void Fire() => owner.Expire(entry);
    }

    private sealed class Subscription(SessionInvitations owner, Action<SessionInvitation, SessionInvitationEnd> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._listeners.Remove(listener);
            }
        }
    }
}
