using Bastion.Core.Terminal;

namespace Bastion.Core.Ssh;

/// <summary>Either an open shell, or why there is none with a message fit for the user (and, where
/// <see cref="SshFailures"/> wrote it, the same as a <see cref="FailureDetail"/>).</summary>
internal sealed record SshConnectResult(
    IShellChannel? Shell, ConnectFailure Failure, string? Message, string? ActualFingerprint = null, FailureDetail? Detail = null)
{
    public static SshConnectResult Failed(ConnectFailure failure, string message, string? actualFingerprint = null, FailureDetail? detail = null) =>
        new(null, failure, message, actualFingerprint, detail);
}
