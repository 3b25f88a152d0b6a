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
/// there and no credential is ever sent. There is no trust on first use. A target with a gateway is reached through
/// an SSH connection to the gateway, whose key is verified the same way (issue #3).
/// </summary>
internal sealed class SshConnector(IOptions<SshOptions> sshOptions, IOptions<TerminalOptions> terminalOptions, IHostKeyObserver? observer = null)
{
    public const string TerminalType = "xterm-256color";

    public async Task<SshConnectResult> ConnectAsync(SshTarget target, int cols, int rows, Encoding encoding, CancellationToken cancellationToken)
    {
        // 1. The gateway first, if any: a refused gateway key or login fails the whole connection.
        GatewayTunnel? tunnel = null;
        if (target.Gateway is { } gateway)
        {
            var (opened, failure) = await OpenTunnelAsync(gateway, target, cancellationToken);
            if (opened is null)
            {
                return failure!;
            }

            tunnel = opened;
        }

        // 2. The target, directly or through the tunnel.
        var keys = new List<PrivateKeyFile>();
        if (!TryCreateAuthMethods(target, keys, out var methods, out var unusable))
        {
            tunnel?.Dispose();
            return unusable;
        }

        var client = CreateClient(target, methods, encoding, tunnel, out var seen);
        try
        {
            await ConnectClientAsync(client, cancellationToken);
            var silence = HostSilenceWatch.Attach(client, sshOptions.Value.UnresponsiveTimeout, target.HostName);

            var modes = new Dictionary<TerminalModes, uint>();
            if (encoding.CodePage == Encoding.UTF8.CodePage)
            {
                modes[TerminalModes.IUTF8] = 1; // so the line discipline erases a whole multibyte character on backspace
            }

            var window = (uint)terminalOptions.Value.SshChannelWindowBytes;
            var shell = SshNetInternals.CreateShellStream(client, TerminalType, (uint)cols, (uint)rows, modes, 64 * 1024, window);
            var channel = new SshShellChannel(client, shell, SshNetInternals.SessionOf(client), terminalOptions.Value.MaxBatchBytes, tunnel, silence, tunnel?.Silence);
            return new SshConnectResult(channel, ConnectFailure.None, null, seen.Fingerprint);
        }
        catch (Exception ex)
        {
            client.Dispose();
            tunnel?.Dispose();
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return await FailAsync(ex, target, seen, cancellationToken);
        }
        finally
        {
            DisposeKeys(keys); // needed only while authenticating
        }
    }

    /// <summary>Reads the key a host offers without trusting it: the connection is refused in key exchange, so no
    /// credential is sent. A gateway, if any, must already have an approved key.</summary>
    public async Task<ScannedHostKey> ScanAsync(SshTarget target, CancellationToken cancellationToken)
    {
        GatewayTunnel? tunnel = null;
        if (target.Gateway is { } gateway)
        {
            var (opened, failure) = await OpenTunnelAsync(gateway, target, cancellationToken);
            if (opened is null)
            {
                return new ScannedHostKey(null, null, failure!.Message);
            }

            tunnel = opened;
        }

        using var _ = tunnel;
        using var client = CreateClient(target with { PinnedFingerprint = null }, [new NoneAuthenticationMethod(target.UserName)], Encoding.UTF8, tunnel, out var seen);
        try
        {
            await ConnectClientAsync(client, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (seen.Fingerprint is null)
            {
                return new ScannedHostKey(null, null, Classify(ex, target, seen).Message);
            }
        }

        return seen.Fingerprint is null
            ? new ScannedHostKey(null, null, $"{target.HostName} offered no host key")
            : new ScannedHostKey(seen.KeyType, seen.Fingerprint, null);
    }

    private async Task<(GatewayTunnel? Tunnel, SshConnectResult? Failure)> OpenTunnelAsync(SshTarget gateway, SshTarget target, CancellationToken cancellationToken)
    {
        var keys = new List<PrivateKeyFile>();
        if (!TryCreateAuthMethods(gateway, keys, out var methods, out var unusable))
        {
            return (null, unusable with { Message = $"gateway {gateway.HostName} for {target.HostName}: {unusable.Message}" });
        }

        var client = CreateClient(gateway, methods, Encoding.UTF8, tunnel: null, out var seen);
        try
        {
            await ConnectClientAsync(client, cancellationToken);
            var silence = HostSilenceWatch.Attach(client, sshOptions.Value.UnresponsiveTimeout, $"gateway {gateway.HostName}");
            var port = new ForwardedPortLocal("127.0.0.1", 0, target.Address, (uint)target.Port);
            client.AddForwardedPort(port);
            port.Start();
            return (new GatewayTunnel(client, port, silence), null);
        }
        catch (Exception ex)
        {
            client.Dispose();
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var failure = await FailAsync(ex, gateway, seen, cancellationToken);
            return (null, failure with { Message = $"gateway {gateway.HostName} for {target.HostName}: {failure.Message}" });
        }
        finally
        {
            DisposeKeys(keys);
        }
    }

    /// <summary>False when the stored credential itself cannot be used (e.g. an unreadable key); no connection is made.</summary>
    private static bool TryCreateAuthMethods(SshTarget target, List<PrivateKeyFile> keys, out AuthenticationMethod[] methods, out SshConnectResult unusable)
    {
        try
        {
            methods = CreateAuthMethods(target, keys);
            unusable = null!;
            return true;
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or FormatException or InvalidOperationException
            or System.Security.Cryptography.CryptographicException or NotSupportedException)
        {
            DisposeKeys(keys);
            methods = [];
            unusable = SshConnectResult.Failed(ConnectFailure.HostError,
                $"the credential stored for {target.HostName} cannot be used; ask an admin to set it again");
            return false;
        }
    }

    private static void DisposeKeys(List<PrivateKeyFile> keys)
    {
        foreach (var key in keys)
        {
            key.Dispose();
        }

        keys.Clear();
    }

    private SshClient CreateClient(SshTarget target, AuthenticationMethod[] methods, Encoding encoding, GatewayTunnel? tunnel, out SeenKey seen)
    {
        var options = sshOptions.Value;
        var connectionInfo = new ConnectionInfo(tunnel is null ? target.Address : GatewayTunnel.Address, tunnel?.Port ?? target.Port, target.UserName, methods)
        {
            Timeout = options.ConnectTimeout,
            Encoding = encoding,
        };
        SshAlgorithms.Apply(connectionInfo, options);

        var key = new SeenKey();
        seen = key;
        var client = new SshClient(connectionInfo) { KeepAliveInterval = options.KeepAliveInterval };
        client.HostKeyReceived += (_, e) =>
        {
            key.Fingerprint = HostKeyFingerprint.Compute(e.HostKey);
            key.KeyType = e.HostKeyName;
            e.CanTrust = target.PinnedFingerprint is { } pinned && HostKeyFingerprint.Matches(pinned, key.Fingerprint);
        };
        return client;
    }

    private async Task ConnectClientAsync(SshClient client, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(sshOptions.Value.ConnectTimeout);
        await client.ConnectAsync(timeout.Token);
    }

    private async Task<SshConnectResult> FailAsync(Exception ex, SshTarget target, SeenKey seen, CancellationToken cancellationToken)
    {
        var result = Classify(ex, target, seen);
        if (result.Failure is ConnectFailure.HostKeyMismatch or ConnectFailure.HostKeyUnpinned
            && observer is not null && target.HostId is { } hostId && seen.Fingerprint is { } fingerprint)
        {
            await observer.KeyRefusedAsync(hostId, fingerprint, seen.KeyType, cancellationToken);
        }

        return result;
    }

    private static SshConnectResult Classify(Exception ex, SshTarget target, SeenKey seen)
    {
        var name = target.HostName;
        var actual = seen.Fingerprint;
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

    /// <summary>Filled by <c>HostKeyReceived</c> on SSH.NET's thread, read after the connect attempt ends.</summary>
    private sealed class SeenKey
    {
        public volatile string? Fingerprint;
        public volatile string? KeyType;
    }
}
