using System.Net.Sockets;
using System.Text;

namespace Bastion.Testing;

/// <summary>
/// A real <c>redis-server</c> (Debian package) on a free loopback port with a temporary directory, no persistence and no
/// service: started in the foreground as this test's own child, stopped by its PID. <see cref="StopAsync"/> and
/// <see cref="StartAsync"/> again on the same port simulate Redis going away and coming back (empty).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/redis-server";

    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-redis-").FullName;
    private ServerProcess? _process;

    public int Port { get; } = FreePort.Get();

    /// <summary>The <c>Bus:Redis</c> setting for Bastion.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>redis-server's PID while it runs (0 when stopped).</summary>
    internal int ProcessId => _process?.ProcessId ?? 0;

    public async Task StartAsync() =>
        _process = await ServerProcess.StartAsync(
            Binary,
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", _dir, "--logfile", Path.Combine(_dir, "redis.log")],
            _ => PingAsync(),
            ReadLog);

    /// <summary>SIGKILL by PID: Redis is gone at once, as a crash or a partition would look to the nodes.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.StopAsync();
        }
    }

    public async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string ReadLog()
    {
        var log = Path.Combine(_dir, "redis.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }
}
