using System.Net;
using System.Net.Sockets;

namespace Bastion.Tests.Sessions;

/// <summary>
/// A loopback TCP proxy to a real sshd that accepts connections at once but forwards nothing until
/// <see cref="Release"/>: the SSH handshake of whoever connects through it stays in flight, as toward a host that is
/// slow to answer in a login burst. After the release every connection, held or new, is piped both ways.
/// </summary>
public sealed class HoldingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pipes = [];
    private readonly Lock _lock = new();
    private readonly Task _acceptLoop;
    private int _accepted;

    public HoldingTcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far (each is one SSH handshake in flight until released).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public void Release() => _released.TrySetResult();

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                lock (_lock)
                {
                    _pipes.Add(PipeAsync(client));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await _released.Task.WaitAsync(_stop.Token);
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            var a = client.GetStream();
            var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] pipes;
        lock (_lock)
        {
            pipes = [.. _pipes];
        }

        await Task.WhenAll(pipes).WithTimeout();
        _stop.Dispose();
    }
}
