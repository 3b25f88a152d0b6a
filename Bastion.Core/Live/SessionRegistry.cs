using System.Collections.Concurrent;

namespace Bastion.Core.Live;

/// <summary>
/// Every terminal session that is running now, so access can be re-checked while it runs: a grant that ends or is
/// revoked, or a user who is disabled, ends the user's open sessions within seconds (issue #3). Admin changes call
/// <see cref="RequestRecheck"/> so the watchdog does not wait for its next tick.
/// </summary>
internal sealed class SessionRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, LiveSession> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _recheck = new(0, 1);

    public LiveSession Register(string sessionId, Guid userId, Guid hostId)
    {
        var session = new LiveSession(sessionId, userId, hostId, s => _sessions.TryRemove(KeyValuePair.Create(s.SessionId, s)));
        _sessions[sessionId] = session;
        return session;
    }

    public void Dispose() => _recheck.Dispose();

    public IReadOnlyList<LiveSession> Snapshot() => [.. _sessions.Values];

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

    /// <summary>Completes when a re-check is requested or <paramref name="timeout"/> passes on <paramref name="time"/>.</summary>
    public async Task WaitForRecheckAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, linked.Token);
        var requested = _recheck.WaitAsync(linked.Token);
        await Task.WhenAny(delay, requested).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(delay, requested).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The one that did not finish was cancelled above.
        }
    }
}
