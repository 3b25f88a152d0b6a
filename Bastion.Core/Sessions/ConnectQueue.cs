using Microsoft.Extensions.Options;

namespace Bastion.Core.Sessions;

/// <summary>
/// Bounds the SSH handshakes in flight, per host and in total (issue 12), so a login burst is served in turn instead
/// of timing out all at once. A connect that finds a free slot starts at once and the client hears nothing; one that
/// must wait is told through <c>onQueued</c> and waits at most <see cref="ConnectQueueOptions.ConnectQueueTimeout"/>.
/// The host slot is taken before the global one, always in that order, so two waiters cannot hold each other's.
/// </summary>
internal sealed class ConnectQueue
{
    private readonly ConnectQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim? _global;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HostGate> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public ConnectQueue(IOptions<ConnectQueueOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _global = _options.MaxConcurrentHandshakes > 0 ? new SemaphoreSlim(_options.MaxConcurrentHandshakes) : null;
    }

    /// <summary>Connects waiting for <paramref name="host"/> now (for tests and diagnostics).</summary>
    public int WaitingFor(string host)
    {
        lock (_lock)
        {
            return _hosts.TryGetValue(host, out var gate) ? gate.Waiting : 0;
        }
    }

    /// <summary>Hosts with a connect waiting or in flight; the others are not kept.</summary>
    public int TrackedHosts
    {
        get
        {
            lock (_lock)
            {
                return _hosts.Count;
            }
        }
    }

    /// <summary>Waits for a handshake slot toward <paramref name="host"/> (address:port). Cancelling
    /// <paramref name="cancellationToken"/> (the session ended while queued) throws; the queue's own bound is an
    /// outcome.</summary>
    public async Task<ConnectTurn> EnterAsync(string host, Func<Task> onQueued, CancellationToken cancellationToken)
    {
        var gate = Join(host);
        var hostHeld = false;
        var globalHeld = false;
        try
        {
            hostHeld = gate.Slots.Wait(0, CancellationToken.None);
            globalHeld = hostHeld && (_global is null || _global.Wait(0, CancellationToken.None));
            if (globalHeld)
            {
                return Admit(gate, waited: false);
            }

            lock (_lock)
            {
                if (gate.Waiting >= _options.MaxQueuedConnectsPerHost)
                {
                    return Refuse(gate, ref hostHeld, ConnectTurnOutcome.QueueFull, waited: false);
                }

                gate.Waiting++;
            }

            try
            {
                await onQueued();
                using var timeout = new CancellationTokenSource(_options.ConnectQueueTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                try
                {
                    if (!hostHeld)
                    {
                        await gate.Slots.WaitAsync(linked.Token);
                        hostHeld = true;
                    }

                    if (_global is not null)
                    {
                        await _global.WaitAsync(linked.Token);
                    }

                    globalHeld = true;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return Refuse(gate, ref hostHeld, ConnectTurnOutcome.TimedOut, waited: true);
                }
            }
            finally
            {
                lock (_lock)
                {
                    gate.Waiting--;
                }
            }

            return Admit(gate, waited: true);
        }
        catch when (!globalHeld)
        {
            // Cancelled (or onQueued threw): give back what was taken; the turn never existed.
            _ = Refuse(gate, ref hostHeld, ConnectTurnOutcome.TimedOut, waited: true);
            throw;
        }
    }

    private ConnectTurn Admit(HostGate gate, bool waited) => ConnectTurn.Admitted(waited, () =>
    {
        _global?.Release();
        gate.Slots.Release();
        Leave(gate);
    });

    private ConnectTurn Refuse(HostGate gate, ref bool hostHeld, ConnectTurnOutcome outcome, bool waited)
    {
        if (hostHeld)
        {
            hostHeld = false;
            gate.Slots.Release();
        }

        Leave(gate);
        return ConnectTurn.Refused(outcome, waited);
    }

    private HostGate Join(string host)
    {
        lock (_lock)
        {
            if (!_hosts.TryGetValue(host, out var gate))
            {
                gate = new HostGate(host, new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentHandshakesPerHost)));
                _hosts.Add(host, gate);
            }

            gate.Users++;
            return gate;
        }
    }

    /// <summary>The last user of a host's gate removes it, so the table holds only hosts being connected to.</summary>
    private void Leave(HostGate gate)
    {
        lock (_lock)
        {
            if (--gate.Users == 0)
            {
                _hosts.Remove(gate.Host);
            }
        }
    }

    private sealed class HostGate(string host, SemaphoreSlim slots)
    {
        public string Host { get; } = host;

        public SemaphoreSlim Slots { get; } = slots;

        /// <summary>Guarded by the queue's lock, as is <see cref="Waiting"/>.</summary>
        public int Users { get; set; }

        public int Waiting { get; set; }
    }
}
