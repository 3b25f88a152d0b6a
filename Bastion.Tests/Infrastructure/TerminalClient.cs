using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Bastion.Tests.Infrastructure;

/// <summary>
/// A terminal client over a real <see cref="ClientWebSocket"/>, the way a tool (not a browser) would drive Bastion:
/// it collects output, can acknowledge it (flow control) automatically or not at all, and records errors and the
/// close status.
/// </summary>
public sealed class TerminalClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly StringBuilder _output = new();
    private readonly List<JsonElement> _errors = [];
    private readonly List<JsonElement> _others = [];
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Task _reader;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private TerminalClient(ClientWebSocket socket, bool autoAck)
    {
        _socket = socket;
        AutoAck = autoAck;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>When true, every output message is acknowledged as soon as it arrives.</summary>
    public bool AutoAck { get; set; }

    public string? SessionId { get; private set; }

    public long UnitsReceived { get; private set; }

    public long UnitsAcked { get; private set; }

    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public bool Closed { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public IReadOnlyList<JsonElement> Errors
    {
        get
        {
            lock (_output)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Messages other than output and errors (ready, participants, size, resync...), in order.</summary>
    public IReadOnlyList<JsonElement> Others
    {
        get
        {
            lock (_output)
            {
                return [.. _others];
            }
        }
    }

    public static async Task<TerminalClient> ConnectAsync(Uri uri, string? bearer = null, string? origin = null, bool autoAck = true)
    {
        var socket = new ClientWebSocket();
        if (bearer is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        }

        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        using var timeout = TestTimeouts.CreateTokenSource();
        await socket.ConnectAsync(uri, timeout.Token);
        return new TerminalClient(socket, autoAck);
    }

    /// <summary>Drops the connection without a close frame (a network blip, a killed tab).</summary>
    public void Abort() => _socket.Abort();

    public Task SendInputAsync(string data) => SendJsonAsync(new { flag = "input", data });

    public Task ResizeAsync(int cols, int rows) => SendJsonAsync(new { flag = "resize", cols, rows });

    public async Task AckAsync(long units)
    {
        await SendJsonAsync(new { flag = "ack", bytes = units });
        UnitsAcked += units;
    }

    /// <summary>Acknowledges everything received so far.</summary>
    public Task AckAllAsync() => UnitsReceived > UnitsAcked ? AckAsync(UnitsReceived - UnitsAcked) : Task.CompletedTask;

    public Task SendJsonAsync(object message) => SendRawAsync(JsonSerializer.SerializeToUtf8Bytes(message));

    public async Task SendRawAsync(byte[] payload, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        await _sendLock.WaitAsync().WithTimeout();
        try
        {
            using var timeout = TestTimeouts.CreateTokenSource();
            await _socket.SendAsync(payload, type, true, timeout.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the client (output, errors, close), or times out.</summary>
    public async Task WaitForAsync(Func<TerminalClient, bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = TestTimeouts.CreateTokenSource(timeout);
        while (!condition(this))
        {
            try
            {
                await _changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                var tail = Output;
                throw new TimeoutException($"timed out waiting for {what}; closed={Closed} status={CloseStatus} errors=[{string.Join(", ", Errors)}] output tail: {tail[Math.Max(0, tail.Length - 500)..]}");
            }
        }
    }

    public Task WaitForOutputAsync(string text, TimeSpan? timeout = null) =>
        WaitForAsync(c => c.Output.Contains(text, StringComparison.Ordinal), $"output containing '{text}'", timeout);

    public Task WaitForCloseAsync(TimeSpan? timeout = null) => WaitForAsync(c => c.Closed, "the socket to close", timeout);

    public Task WaitForErrorAsync(TimeSpan? timeout = null) => WaitForAsync(c => c.Errors.Count > 0, "an error message", timeout);

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseStatus = _socket.CloseStatus;
                    return;
                }

                using var doc = JsonDocument.Parse(buffer.AsMemory(0, length));
                var root = doc.RootElement;
                switch (root.GetProperty("flag").GetString())
                {
                    case "success":
                        var text = root.GetProperty("message").GetString()!;
                        lock (_output)
                        {
                            _output.Append(text);
                        }

                        UnitsReceived += text.Length;
                        if (AutoAck)
                        {
                            await AckAsync(text.Length);
                        }

                        break;
                    case "error":
                        lock (_output)
                        {
                            _errors.Add(root.Clone());
                        }

                        break;
                    case "ready":
                        SessionId = root.GetProperty("sessionId").GetString();
                        lock (_output)
                        {
                            _others.Add(root.Clone());
                        }

                        break;
                    default:
                        lock (_output)
                        {
                            _others.Add(root.Clone());
                        }

                        break;
                }

                _changed.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            CloseStatus ??= _socket.CloseStatus;
        }
        finally
        {
            Closed = true;
            _changed.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = TestTimeouts.CreateTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        await _stop.CancelAsync();
        await _reader.WaitAsync(TestTimeouts.Default).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _stop.Dispose();
        _changed.Dispose();
        _sendLock.Dispose();
    }
}
