namespace Bastion.Core.Ssh;

internal enum ConnectFailure
{
    None,
    HostKeyUnpinned,
    HostKeyMismatch,
    Unreachable,
    AuthFailed,
    HostError,

    /// <summary>Logged in, but the host refused the service asked for (an SFTP subsystem that is not configured).</summary>
    SubsystemUnavailable,
    Cancelled,

    /// <summary>The connect queue toward the host was full (issue 12); no connection was made.</summary>
    QueueFull,

    /// <summary>No handshake slot came free within <c>Ssh:ConnectQueueTimeout</c>; no connection was made.</summary>
    QueueTimeout,
}
