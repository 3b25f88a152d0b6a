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
}
