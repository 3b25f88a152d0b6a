using System.Net.Sockets;
using Renci.SshNet.Common;

namespace Bastion.Core.Ssh;

/// <summary>Turns what SSH.NET threw while connecting into a <see cref="ConnectFailure"/> and a message fit for the user.</summary>
internal static class SshFailures
{
    /// <param name="actual">The fingerprint the host offered, if key exchange got that far.</param>
    public static SshConnectResult Classify(Exception ex, SshTarget target, string? actual)
    {
        var name = target.HostName;
        if (actual is not null && target.PinnedFingerprint is null && ex is SshConnectionException)
        {
            return SshConnectResult.Failed(ConnectFailure.HostKeyUnpinned,
                $"host key for {name} is not pinned (the host offered {actual}); ask an admin to approve it", actual);
        }

        if (actual is not null && target.PinnedFingerprint is { } pinned && !HostKeyFingerprint.Matches(pinned, actual) && ex is SshConnectionException)
        {
            return SshConnectResult.Failed(ConnectFailure.HostKeyMismatch,
                $"host key mismatch for {name}: expected {HostKeyFingerprint.Normalize(pinned) ?? pinned}, got {actual}; ask an admin to re-pin", actual);
        }

        return ex switch
        {
            SshAuthenticationException => SshConnectResult.Failed(ConnectFailure.AuthFailed,
                $"{name} refused Bastion's credentials for {target.UserName}; ask an admin to check the host's credential", actual),
            SocketException se => SshConnectResult.Failed(ConnectFailure.Unreachable,
                $"cannot reach {name} ({target.Address}:{target.Port}): {Describe(se)}", actual),
            SshOperationTimeoutException or OperationCanceledException or TimeoutException => SshConnectResult.Failed(ConnectFailure.Unreachable,
                $"cannot reach {name} ({target.Address}:{target.Port}): timed out", actual),
            SshConnectionException or ProxyException => SshConnectResult.Failed(ConnectFailure.Unreachable,
                $"connection to {name} failed: {ex.Message}", actual),
            SshException => SshConnectResult.Failed(ConnectFailure.HostError, $"{name} refused the shell: {ex.Message}", actual),
            _ => SshConnectResult.Failed(ConnectFailure.HostError, $"connection to {name} failed: {ex.GetType().Name}", actual),
        };
    }

    private static string Describe(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData => "unknown host name",
        SocketError.TimedOut => "timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "no route to host",
        _ => ex.SocketErrorCode.ToString(),
    };
}
