using System.Net.Sockets;
using System.Text;
using Bastion.Core.Terminal;
using Microsoft.Extensions.Options;
using Renci.SshNet;

namespace Bastion.Core.Ssh;

/// <summary>
/// "Test connection" for admins (issue 14): reach the host, check its key against the pin, log in with the stored
/// credential, then disconnect, on the same <see cref="SshConnections"/> as a session (gateway, strong algorithms,
/// pin checked before any credential is sent), without opening a shell or any channel. A refused key is recorded as
/// pending through the observer, as a session's would be. Every step's outcome is a value.
/// </summary>
internal sealed class SshProbe(IOptions<SshOptions> sshOptions, IHostKeyObserver? observer = null)
{
    private readonly SshConnections _connections = new(sshOptions, observer);

    public async Task<ConnectionProbe> ProbeAsync(SshTarget target, CancellationToken cancellationToken)
    {
        // 1. Reachability: a plain TCP connect with the connect timeout. Behind a gateway Bastion never reaches the
        //    target itself, so this is the gateway's port; the target's is reached through it in step 2.
        var first = target.Gateway ?? target;
        if (await ReachAsync(first, cancellationToken) is { } unreachable)
        {
            var detail = target.Gateway is null ? unreachable.Detail : unreachable.Detail?.AtGatewayFor(target.HostName);
            return new ConnectionProbe(ProbeStep.Failed(ErrorCodes.Unreachable, unreachable.Message, detail), ProbeStep.Skipped, ProbeStep.Skipped, null,
                target.PinnedFingerprint, target.Gateway is not null);
        }

        // 2. Key exchange, the pin, and the login: SshClient's connect authenticates and opens nothing else.
        var attempt = await _connections.OpenAsync(target, Encoding.UTF8, static info => new SshClient(info), "a login", cancellationToken);
        attempt.Connection?.Dispose();
        var (reach, key, login) = Steps(attempt.Failure, attempt.Message, attempt.Detail);
        return new ConnectionProbe(reach, key, login, attempt.ActualFingerprint ?? attempt.Connection?.Fingerprint, target.PinnedFingerprint,
            target.Gateway is not null);
    }

    /// <summary>Which step a connection failure belongs to; the steps after it are skipped.</summary>
    internal static (ProbeStep Reach, ProbeStep HostKey, ProbeStep Login) Steps(ConnectFailure failure, string? message, FailureDetail? detail = null) =>
        failure switch
        {
            ConnectFailure.None => (ProbeStep.Passed, ProbeStep.Passed, ProbeStep.Passed),
            ConnectFailure.Unreachable or ConnectFailure.Cancelled or ConnectFailure.QueueFull or ConnectFailure.QueueTimeout =>
                (ProbeStep.Failed(ErrorCodes.Unreachable, message, detail), ProbeStep.Skipped, ProbeStep.Skipped),
            ConnectFailure.HostKeyUnpinned => (ProbeStep.Passed, ProbeStep.Failed(ErrorCodes.HostKeyUnpinned, message, detail), ProbeStep.Skipped),
            ConnectFailure.HostKeyMismatch => (ProbeStep.Passed, ProbeStep.Failed(ErrorCodes.HostKeyMismatch, message, detail), ProbeStep.Skipped),
            ConnectFailure.AuthFailed => (ProbeStep.Passed, ProbeStep.Passed, ProbeStep.Failed(ErrorCodes.AuthFailed, message, detail)),
            _ => (ProbeStep.Passed, ProbeStep.Passed, ProbeStep.Failed(ErrorCodes.HostError, message, detail)),
        };

    /// <summary>Null when a TCP connection to <paramref name="target"/> opened within the connect timeout, else why not.</summary>
    private async Task<SshConnectResult?> ReachAsync(SshTarget target, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(sshOptions.Value.ConnectTimeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(target.Address, target.Port, timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SshFailures.Unreachable(target, SocketError.TimedOut);
        }
        catch (SocketException ex)
        {
            return SshFailures.Classify(ex, target, null);
        }
    }
}
