namespace Bastion.Core.Live;

/// <summary>One running terminal as the registry sees it. <see cref="Token"/> ends the session when access is revoked
/// or the application stops; disposing unregisters it.</summary>
internal sealed class LiveSession : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly Action<LiveSession> _unregister;
    private int _revoked;

    public LiveSession(string sessionId, Guid userId, Guid hostId, Action<LiveSession> unregister, CancellationToken stopping)
    {
        SessionId = sessionId;
        UserId = userId;
        HostId = hostId;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _unregister = unregister;
    }

    public string SessionId { get; }

    public Guid UserId { get; }

    public Guid HostId { get; }

    public CancellationToken Token => _cts.Token;

    /// <summary>True once access was withdrawn (as opposed to the server stopping).</summary>
    public bool Revoked => Volatile.Read(ref _revoked) == 1;

    public void Revoke()
    {
        if (Interlocked.Exchange(ref _revoked, 1) == 0)
        {
            try
            {
                _cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The session ended on its own meanwhile.
            }
        }
    }

    public void Dispose()
    {
        _unregister(this);
        _cts.Dispose();
    }
}
