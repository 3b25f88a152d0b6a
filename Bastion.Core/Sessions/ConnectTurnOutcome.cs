namespace Bastion.Core.Sessions;

/// <summary>How a wait in the <see cref="ConnectQueue"/> ended.</summary>
internal enum ConnectTurnOutcome
{
    /// <summary>A handshake slot is held; the connect may start.</summary>
    Admitted,

    /// <summary>Too many connects already wait for this host (<c>Ssh:MaxQueuedConnectsPerHost</c>).</summary>
    QueueFull,

    /// <summary>No slot became free within <c>Ssh:ConnectQueueTimeout</c>.</summary>
    TimedOut,
}
