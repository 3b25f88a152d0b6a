using System.Collections.Concurrent;

namespace Bastion.Core.Sessions;

/// <summary>The sessions of this process. Admin changes call <see cref="RequestRecheck"/> so the access watchdog does
/// not wait for its next tick (issue #3).</summary>
internal sealed class InProcessSessionRegistry : ISessionRegistry, IDisposable
{
    private readonly ConcurrentDictionary<string, LiveSession> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _recheck = new(0, 1);

    public void Add(LiveSession session) => _sessions[session.Id] = session;

    public void Remove(LiveSession session) => _sessions.TryRemove(KeyValuePair.Create(session.Id, session));

    public LiveSession? Find(string sessionId) =>
        _sessions.TryGetValue(sessionId, out var session) && session.IsLive ? session : null;

    public IReadOnlyList<LiveSession> Snapshot() => [.. _sessions.Values];

    public void Dispose() => _recheck.Dispose();

    public void RequestRecheck()
    {
        try
        {
            _recheck.Release();
        }
        catch (SemaphoreFullException)
        {
            // A re-check is already requested.
        }
    }

    public async Task WaitForRecheckAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, linked.Token);
        var requested = _recheck.WaitAsync(linked.Token);
        await Task.WhenAny(delay, requested);
        await linked.CancelAsync();
        try
        {
            await Task.WhenAll(delay, requested);
        }
        catch (OperationCanceledException)
        {
            // The one that did not finish was cancelled above.
        }
    }
}
