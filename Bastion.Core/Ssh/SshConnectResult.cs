using Bastion.Core.Terminal;

namespace Bastion.Core.Ssh;

/// <summary>Either an open shell, or why there is none with a message fit for the user.</summary>
internal sealed record SshConnectResult(IShellChannel? Shell, ConnectFailure Failure, string? Message, string? ActualFingerprint = null)
{
    public static SshConnectResult Failed(ConnectFailure failure, string message, string? actualFingerprint = null) =>
        new(null, failure, message, actualFingerprint);
}
