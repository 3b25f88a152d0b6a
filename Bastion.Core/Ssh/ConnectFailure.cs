namespace Bastion.Core.Ssh;

internal enum ConnectFailure
{
    None,
    HostKeyUnpinned,
    HostKeyMismatch,
    Unreachable,
    AuthFailed,
    HostError,
    Cancelled,
}
