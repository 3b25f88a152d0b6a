using System.Text;
using Bastion.Core.Telemetry;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Core.Ssh;

/// <summary>
/// Opens one verified SSH connection: the gateway first, if any (one hop, ProxyJump), then the target, each with its
/// host key checked in <c>HostKeyReceived</c>, which SSH.NET raises during key exchange, before authentication: a key
/// that is not pinned, or differs from the pin, is refused there and no credential is ever sent. There is no trust on
/// first use (issue #3). What runs over the connection is the opener's business (<see cref="SshConnector"/> for a
/// shell, <see cref="SftpConnector"/> for file transfer); failures come back as values, classified once here.
/// </summary>
internal sealed class SshConnections(IOptions<SshOptions> sshOptions, IHostKeyObserver? observer = null)
{
    /// <summary>Connects <paramref name="create"/>'s client to <paramref name="target"/>. <paramref name="service"/>
    /// names what the client opens on connect, for the message when the host refuses it ("file transfer (SFTP)").</summary>
    public async Task<SshConnectionAttempt<TClient>> OpenAsync<TClient>(
        SshTarget target, Encoding encoding, Func<ConnectionInfo, TClient> create, string service, CancellationToken cancellationToken)
        where TClient : BaseClient
    {
        // 1. The gateway first, if any: a refused gateway key or login fails the whole connection.
        GatewayTunnel? tunnel = null;
        if (target.Gateway is { } gateway)
        {
            var (opened, failure) = await OpenTunnelAsync(gateway, target, cancellationToken);
            if (opened is null)
            {
                return SshConnectionAttempt<TClient>.Failed(failure!);
            }

            tunnel = opened;
        }

        // 2. The target, directly or through the tunnel.
        var keys = new List<PrivateKeyFile>();
        if (!SshAuthMethods.TryCreate(target, keys, out var methods, out var unusable))
        {
            tunnel?.Dispose();
            return SshConnectionAttempt<TClient>.Failed(unusable);
        }

        var client = CreateClient(target, methods, encoding, tunnel, create, out var seen, out var info);
        try
        {
            await ConnectClientAsync(client, cancellationToken);
            var silence = HostSilenceWatch.Attach(client, sshOptions.Value.UnresponsiveTimeout, target.HostName);
            MakeReceiveBlocking(client);
            return new SshConnectionAttempt<TClient>(new SshConnection<TClient>(client, tunnel, silence, seen.Fingerprint), ConnectFailure.None, null, seen.Fingerprint);
        }
        catch (Exception ex)
        {
            client.Dispose();
            tunnel?.Dispose();
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            if (info.IsAuthenticated && ex is SshException and not SshConnectionException)
            {
                // Logged in, then the service the client opens on connect (the SFTP subsystem) was refused.
                return new SshConnectionAttempt<TClient>(null, ConnectFailure.SubsystemUnavailable,
                    $"{target.HostName} does not offer {service}: {ex.Message}", seen.Fingerprint,
                    FailureDetail.Of(FailureDetailCodes.ServiceRefused, ("host", target.HostName), ("service", service), ("error", ex.Message)));
            }

            return SshConnectionAttempt<TClient>.Failed(await FailAsync(ex, target, seen, cancellationToken));
        }
        finally
        {
            SshAuthMethods.DisposeKeys(keys); // needed only while authenticating
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
                return ScannedHostKey.Failed(failure!.Message ?? "the gateway could not be reached", failure.Detail);
            }

            tunnel = opened;
        }

        using var openedTunnel = tunnel;
        using var client = CreateClient(target with { PinnedFingerprint = null }, [new NoneAuthenticationMethod(target.UserName)], Encoding.UTF8, tunnel,
            static info => new SshClient(info), out var seen, out _);
        try
        {
            await ConnectClientAsync(client, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (seen.Fingerprint is null)
            {
                var failure = SshFailures.Classify(ex, target, seen.Fingerprint);
                return ScannedHostKey.Failed(failure.Message ?? "the scan failed", failure.Detail);
            }
        }

        return seen.Fingerprint is null
            ? ScannedHostKey.Failed($"{target.HostName} offered no host key", FailureDetail.Of(FailureDetailCodes.NoHostKey, ("host", target.HostName)))
            : new ScannedHostKey(seen.KeyType, seen.Fingerprint, null);
    }

    private async Task<(GatewayTunnel? Tunnel, SshConnectResult? Failure)> OpenTunnelAsync(SshTarget gateway, SshTarget target, CancellationToken cancellationToken)
    {
        var keys = new List<PrivateKeyFile>();
        if (!SshAuthMethods.TryCreate(gateway, keys, out var methods, out var unusable))
        {
            return (null, unusable with
            {
                Message = $"gateway {gateway.HostName} for {target.HostName}: {unusable.Message}",
                Detail = unusable.Detail?.AtGatewayFor(target.HostName),
            });
        }

        var client = CreateClient(gateway, methods, Encoding.UTF8, tunnel: null, static info => new SshClient(info), out var seen, out _);
        try
        {
            await ConnectClientAsync(client, cancellationToken);
            var silence = HostSilenceWatch.Attach(client, sshOptions.Value.UnresponsiveTimeout, $"gateway {gateway.HostName}");
            MakeReceiveBlocking(client);
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
            return (null, failure with
            {
                Message = $"gateway {gateway.HostName} for {target.HostName}: {failure.Message}",
                Detail = failure.Detail?.AtGatewayFor(target.HostName),
            });
        }
        finally
        {
            SshAuthMethods.DisposeKeys(keys);
        }
    }

    private TClient CreateClient<TClient>(
        SshTarget target, AuthenticationMethod[] methods, Encoding encoding, GatewayTunnel? tunnel, Func<ConnectionInfo, TClient> create, out SeenKey seen, out ConnectionInfo info)
        where TClient : BaseClient
    {
        var options = sshOptions.Value;
        var connectionInfo = new ConnectionInfo(tunnel is null ? target.Address : GatewayTunnel.Address, tunnel?.Port ?? target.Port, target.UserName, methods)
        {
            Timeout = options.ConnectTimeout,
            Encoding = encoding,
        };
        SshAlgorithms.Apply(connectionInfo, options);
        info = connectionInfo;

        var key = new SeenKey();
        seen = key;
        var client = create(connectionInfo);
        client.KeepAliveInterval = options.KeepAliveInterval;
        client.HostKeyReceived += (_, e) =>
        {
            key.Fingerprint = HostKeyFingerprint.Compute(e.HostKey);
            key.KeyType = e.HostKeyName;
            e.CanTrust = target.PinnedFingerprint is { } pinned && HostKeyFingerprint.Matches(pinned, key.Fingerprint);
        };
        return client;
    }

    private async Task ConnectClientAsync(BaseClient client, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(sshOptions.Value.ConnectTimeout);
        await client.ConnectAsync(timeout.Token);
    }

    /// <summary>With <c>Ssh:BlockingReceive</c>, the connected client's socket is read with blocking <c>recv</c> calls
    /// from now on (version exchange, key exchange and login are done; see <see cref="SshNetInternals.MakeReceiveBlocking"/>).
    /// Where that is not possible the socket stays as it was, and <c>bastion.ssh.blocking_receive.fallbacks</c> counts
    /// it by reason (docs/OPERATIONS.md), so an operator can see the saving is not in effect.</summary>
    private void MakeReceiveBlocking(BaseClient client)
    {
        if (sshOptions.Value.BlockingReceive)
        {
            _ = SshNetInternals.MakeReceiveBlocking(client, static reason =>
                BastionInstruments.SshBlockingReceiveFallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason)));
        }
    }

    private async Task<SshConnectResult> FailAsync(Exception ex, SshTarget target, SeenKey seen, CancellationToken cancellationToken)
    {
        var result = SshFailures.Classify(ex, target, seen.Fingerprint);
        if (result.Failure is ConnectFailure.HostKeyMismatch or ConnectFailure.HostKeyUnpinned
            && observer is not null && target.HostId is { } hostId && seen.Fingerprint is { } fingerprint)
        {
            await observer.KeyRefusedAsync(hostId, fingerprint, seen.KeyType, cancellationToken);
        }

        return result;
    }

    /// <summary>Filled by <c>HostKeyReceived</c> on SSH.NET's thread, read after the connect attempt ends.</summary>
    private sealed class SeenKey
    {
        public volatile string? Fingerprint;
        public volatile string? KeyType;
    }
}
