using System.Text;
using Bastion.Core.Terminal;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Core.Ssh;

/// <summary>
/// Opens a PTY shell on a verified connection (<see cref="SshConnections"/>: pinned key, gateway, login). This is the
/// entry point the session code calls; <see cref="SftpConnector"/> is its sibling for file transfer.
/// </summary>
internal sealed class SshConnector(IOptions<SshOptions> sshOptions, IOptions<TerminalOptions> terminalOptions, IHostKeyObserver? observer = null)
{
    public const string TerminalType = "xterm-256color";

    private readonly SshConnections _connections = new(sshOptions, observer);

    /// <summary>The connection step, shared with the other openers.</summary>
    public SshConnections Connections => _connections;

    public async Task<SshConnectResult> ConnectAsync(SshTarget target, int cols, int rows, Encoding encoding, CancellationToken cancellationToken)
    {
        // 1. Connect, verify, log in.
        var attempt = await _connections.OpenAsync(target, encoding, static info => new SshClient(info), "a shell", cancellationToken);
        if (attempt.Connection is not { } connection)
        {
            return SshConnectResult.Failed(attempt.Failure, attempt.Message ?? "connection failed", attempt.ActualFingerprint, attempt.Detail);
        }

        // 2. The PTY shell, through a channel with Bastion's bounded window (SshNetInternals).
        try
        {
            var modes = new Dictionary<TerminalModes, uint>();
            if (encoding.CodePage == Encoding.UTF8.CodePage)
            {
                modes[TerminalModes.IUTF8] = 1; // so the line discipline erases a whole multibyte character on backspace
            }

            var client = connection.Client;
            var window = (uint)terminalOptions.Value.SshChannelWindowBytes;
            var channel = SshShellChannel.Open(client, TerminalType, (uint)cols, (uint)rows, modes, window,
                connection.Tunnel, connection.Silence, connection.Tunnel?.Silence);
            return new SshConnectResult(channel, ConnectFailure.None, null, connection.Fingerprint);
        }
        catch (Exception ex)
        {
            connection.Dispose();
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return SshFailures.Classify(ex, target, connection.Fingerprint);
        }
    }

    /// <summary>Reads the key a host offers without trusting it (see <see cref="SshConnections.ScanAsync"/>).</summary>
    public Task<ScannedHostKey> ScanAsync(SshTarget target, CancellationToken cancellationToken) => _connections.ScanAsync(target, cancellationToken);
}
