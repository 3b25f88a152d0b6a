using System.Globalization;
using System.Net.Sockets;
using Renci.SshNet.Common;

namespace Bastion.Core.Ssh;

/// <summary>Turns what SSH.NET threw while connecting into a <see cref="ConnectFailure"/> and a message fit for the user,
/// with the same message as a <see cref="FailureDetail"/> code and values for a client to show in its language.</summary>
internal static class SshFailures
{
    /// <param name="actual">The fingerprint the host offered, if key exchange got that far.</param>
    public static SshConnectResult Classify(Exception ex, SshTarget target, string? actual)
    {
        var name = target.HostName;
        if (actual is not null && target.PinnedFingerprint is null && ex is SshConnectionException)
        {
            return SshConnectResult.Failed(ConnectFailure.HostKeyUnpinned,
                $"host key for {name} is not pinned (the host offered {actual}); ask an admin to approve it", actual,
                FailureDetail.Of(FailureDetailCodes.KeyUnpinned, ("host", name), ("offered", actual)));
        }

        if (actual is not null && target.PinnedFingerprint is { } pinned && !HostKeyFingerprint.Matches(pinned, actual) && ex is SshConnectionException)
        {
            var expected = HostKeyFingerprint.Normalize(pinned) ?? pinned;
            return SshConnectResult.Failed(ConnectFailure.HostKeyMismatch,
                $"host key mismatch for {name}: expected {expected}, got {actual}; ask an admin to re-pin", actual,
                FailureDetail.Of(FailureDetailCodes.KeyMismatch, ("host", name), ("expected", expected), ("offered", actual)));
        }

        return ex switch
        {
            SshAuthenticationException => SshConnectResult.Failed(ConnectFailure.AuthFailed,
                $"{name} refused Bastion's credentials for {target.UserName}; ask an admin to check the host's credential", actual,
                FailureDetail.Of(FailureDetailCodes.CredentialsRefused, ("host", name), ("user", target.UserName))),
            SocketException se => Unreachable(target, se.SocketErrorCode, actual),
            SshOperationTimeoutException or OperationCanceledException or TimeoutException => Unreachable(target, SocketError.TimedOut, actual),
            SshConnectionException or ProxyException => SshConnectResult.Failed(ConnectFailure.Unreachable,
                $"connection to {name} failed: {ex.Message}", actual,
                FailureDetail.Of(FailureDetailCodes.ConnectionFailed, ("host", name), ("error", ex.Message))),
            SshException => SshConnectResult.Failed(ConnectFailure.HostError, $"{name} refused the shell: {ex.Message}", actual,
                FailureDetail.Of(FailureDetailCodes.HostRefused, ("host", name), ("error", ex.Message))),
            _ => SshConnectResult.Failed(ConnectFailure.HostError, $"connection to {name} failed: {ex.GetType().Name}", actual,
                FailureDetail.Of(FailureDetailCodes.ConnectionFailed, ("host", name), ("error", ex.GetType().Name))),
        };
    }

    /// <summary>The host could not be reached: a socket error (<see cref="SocketError.TimedOut"/> for a timeout).</summary>
    public static SshConnectResult Unreachable(SshTarget target, SocketError error, string? actual = null)
    {
        var (words, code) = error switch
        {
            SocketError.ConnectionRefused => ("connection refused", FailureDetailCodes.ConnectionRefused),
            SocketError.HostNotFound or SocketError.NoData => ("unknown host name", FailureDetailCodes.UnknownHostName),
            SocketError.TimedOut => ("timed out", FailureDetailCodes.TimedOut),
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => ("no route to host", FailureDetailCodes.NoRoute),
            _ => (error.ToString(), FailureDetailCodes.SocketError),
        };
        var port = target.Port.ToString(CultureInfo.InvariantCulture);
        var args = new List<(string, string)> { ("host", target.HostName), ("address", target.Address), ("port", port) };
        if (code == FailureDetailCodes.SocketError)
        {
            args.Add(("error", words));
        }

        return SshConnectResult.Failed(ConnectFailure.Unreachable, $"cannot reach {target.HostName} ({target.Address}:{port}): {words}", actual,
            FailureDetail.Of(code, [.. args]));
    }
}
