using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Bastion.Core.Audit.Export;

/// <summary>
/// One connection to the collector, TCP or TLS. A reader runs for its lifetime: a collector sends nothing on a syslog
/// connection, so a read that ends means it closed (or reset) the connection, and the next batch goes to a new one
/// instead of into a socket the peer has left (the same check rsyslog's own forwarder makes before it sends).
/// </summary>
internal sealed class SyslogConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private volatile bool _closed;

    private SyslogConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
        _reader = ReadUntilClosedAsync();
    }

    public bool IsOpen => !_closed;

    /// <summary>Connects (and completes the TLS handshake) within <see cref="SyslogOptions.SendTimeout"/>; throws
    /// <see cref="SocketException"/>, <see cref="IOException"/>, <see cref="System.Security.Authentication.AuthenticationException"/>
    /// or <see cref="OperationCanceledException"/> (the timeout) when it cannot.</summary>
    public static async Task<SyslogConnection> OpenAsync(SyslogOptions options, X509Certificate2Collection? trustedCas, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.SendTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(options.Host!, options.Port, timeout.Token);
            if (OperatingSystem.IsLinux())
            {
                // TCP_USER_TIMEOUT: unacknowledged data for this long aborts the connection (a collector behind a
                // blackhole), instead of the kernel retransmitting for about 15 minutes.
                socket.SetRawSocketOption(6, 18, BitConverter.GetBytes((int)options.SendTimeout.TotalMilliseconds));
            }

            stream = new NetworkStream(socket, ownsSocket: false);
            if (options.Tls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                var auth = new SslClientAuthenticationOptions { TargetHost = string.IsNullOrWhiteSpace(options.ServerName) ? options.Host : options.ServerName };
                if (trustedCas is not null)
                {
                    auth.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
                    auth.CertificateChainPolicy.CustomTrustStore.AddRange(trustedCas);
                }

                await tls.AuthenticateAsClientAsync(auth, timeout.Token);
            }

            return new SyslogConnection(socket, stream);
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }

            socket.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="frames"/>, flushes, and waits until the collector's TCP has acknowledged every
    /// byte, all within <paramref name="timeout"/>. Throws on a failed or timed-out write (the caller reconnects and
    /// sends the batch again).</summary>
    public async Task SendAsync(IReadOnlyList<byte[]> frames, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        limit.CancelAfter(timeout);
        foreach (var frame in frames)
        {
            await _stream.WriteAsync(frame, limit.Token);
        }

        await _stream.FlushAsync(limit.Token);
        while (SocketSendQueue.Unacknowledged(_socket) is > 0)
        {
            if (_closed)
            {
                throw new IOException("the collector closed the connection before acknowledging the batch");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), time, limit.Token);
        }

        if (_closed)
        {
            throw new IOException("the collector closed the connection");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closed = true;
        await _stop.CancelAsync();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        await _stream.DisposeAsync();
        _socket.Dispose();
        await _reader;
        _stop.Dispose();
    }

    private async Task ReadUntilClosedAsync()
    {
        var buffer = new byte[256];
        try
        {
            while (await _stream.ReadAsync(buffer, _stop.Token) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            _closed = true;
        }
    }
}
