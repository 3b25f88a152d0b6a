namespace Bastion.Core.Live;

/// <summary>One running terminal as the registry sees it. <see cref="Revoked"/> fires when access is withdrawn;
/// disposing unregisters it.</summary>
internal sealed class LiveSession : IDisposable
{
    private readonly CancellationTokenSource _revoked = new();
    private readonly Action<LiveSession> _unregister;

    public LiveSession(string sessionId, Guid userId, Guid hostId, Action<LiveSession> unregister)
    {
        SessionId = sessionId;
        UserId = userId;
        HostId = hostId;
        _unregister = unregister;
    }

    public string SessionId { get; }

    public Guid UserId { get; }

    public Guid HostId { get; }

    /// <summary>Cancelled once the user lost access to the host (grant ended or revoked, user disabled, host gone).</summary>
    public CancellationToken Revoked => _revoked.Token;

    public void Revoke()
    {
        try
        {
            _revoked.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session ended on its own meanwhile.
        }
    }

    public void Dispose()
    {
        _unregister(this);
        _revoked.Dispose();
    }
}
