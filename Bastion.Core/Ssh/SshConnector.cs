using System.Net.Sockets;
using System.Text;
using Bastion.Core.Terminal;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Core.Ssh;

/// <summary>
/// Opens a verified SSH connection and a PTY shell. The host key is checked in <c>HostKeyReceived</c>, which SSH.NET
/// raises during key exchange, before authentication: a key that is not pinned, or differs from the pin, is refused
/// there and no credential is ever sent. There is no trust on first use.
/// </summary>
internal sealed class SshConnector(IOptions<SshOptions> sshOptions, IOptions<TerminalOptions> terminalOptions)
{
    public const string TerminalType = "xterm-256color";

    public async Task<SshConnectResult> ConnectAsync(SshTarget target, int cols, int rows, Encoding encoding, CancellationToken cancellationToken)
    {
        var options = sshOptions.Value;
        string? actual = null;
        SshClient? client = null;
        var keys = new List<PrivateKeyFile>();
        try
        {
            var connectionInfo = new ConnectionInfo(target.Address, target.Port, target.UserName, CreateAuthMethods(target, keys))
            {
                Timeout = options.ConnectTimeout,
                Encoding = encoding,
            };
            SshAlgorithms.Apply(connectionInfo, options);

            client = new SshClient(connectionInfo) { KeepAliveInterval = options.KeepAliveInterval };
            client.HostKeyReceived += (_, e) =>
            {
                actual = HostKeyFingerprint.Compute(e.HostKey);
                e.CanTrust = target.PinnedFingerprint is { } pinned && HostKeyFingerprint.Matches(pinned, actual);
            };

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await client.ConnectAsync(timeout.Token).ConfigureAwait(false);

            var modes = new Dictionary<TerminalModes, uint>();
            if (encoding.CodePage == Encoding.UTF8.CodePage)
            {
                modes[TerminalModes.IUTF8] = 1; // so the line discipline erases a whole multibyte character on backspace
            }

            var window = (uint)terminalOptions.Value.SshChannelWindowBytes;
            var shell = ShellStreamFactory.Create(client, TerminalType, (uint)cols, (uint)rows, modes, 64 * 1024, window);
            var channel = new SshShellChannel(client, shell, ShellStreamFactory.SessionOf(client), terminalOptions.Value.MaxBatchBytes);
            return new SshConnectResult(channel, ConnectFailure.None, null, actual);
        }
        catch (Exception ex)
        {
            client?.Dispose();
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            if (client is null)
            {
                // Failed before any connection: the stored credential itself cannot be used (e.g. an unreadable key).
                return SshConnectResult.Failed(ConnectFailure.HostError,
                    $"the credential stored for {target.HostName} cannot be used; ask an admin to set it again");
            }

            return Classify(ex, target, actual);
        }
        finally
        {
            // Keys are needed only while authenticating.
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }

    private static SshConnectResult Classify(Exception ex, SshTarget target, string? actual)
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

    private static AuthenticationMethod[] CreateAuthMethods(SshTarget target, List<PrivateKeyFile> keys)
    {
        var methods = new List<AuthenticationMethod>();
        if (!string.IsNullOrEmpty(target.PrivateKey))
        {
            using var keyStream = new MemoryStream(Encoding.UTF8.GetBytes(target.PrivateKey));
            var key = string.IsNullOrEmpty(target.Passphrase) ? new PrivateKeyFile(keyStream) : new PrivateKeyFile(keyStream, target.Passphrase);
            keys.Add(key);
            methods.Add(new PrivateKeyAuthenticationMethod(target.UserName, key));
        }

        if (!string.IsNullOrEmpty(target.Password))
        {
            methods.Add(new PasswordAuthenticationMethod(target.UserName, target.Password));

            // PAM-backed servers often offer only keyboard-interactive; answer its password prompts with the password.
            var interactive = new KeyboardInteractiveAuthenticationMethod(target.UserName);
            var password = target.Password;
            interactive.AuthenticationPrompt += (_, e) =>
            {
                foreach (var prompt in e.Prompts)
                {
                    prompt.Response = password;
                }
            };
            methods.Add(interactive);
        }

        if (methods.Count == 0)
        {
            methods.Add(new NoneAuthenticationMethod(target.UserName));
        }

        return [.. methods];
    }
}
