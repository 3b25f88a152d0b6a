namespace Bastion.Core.Sessions;

/// <summary>The result of <see cref="ConnectQueue.EnterAsync"/>: when <see cref="Outcome"/> is
/// <see cref="ConnectTurnOutcome.Admitted"/>, disposing the turn frees its handshake slots (exactly once).</summary>
internal sealed class ConnectTurn : IDisposable
{
    private Action? _release;

    private ConnectTurn(ConnectTurnOutcome outcome, bool waited, Action? release)
    {
        Outcome = outcome;
        Waited = waited;
        _release = release;
    }

    public ConnectTurnOutcome Outcome { get; }

    /// <summary>True when the connect had to wait (the client was told "queued").</summary>
    public bool Waited { get; }

    public static ConnectTurn Admitted(bool waited, Action release) => new(ConnectTurnOutcome.Admitted, waited, release);

    public static ConnectTurn Refused(ConnectTurnOutcome outcome, bool waited) => new(outcome, waited, null);

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
