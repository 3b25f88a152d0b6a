using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Bastion.Testing;

/// <summary>
/// A terminal client over a real <see cref="ClientWebSocket"/>, the way a tool (not a browser) would drive Bastion:
/// it collects output, acknowledges it (flow control) at once, at a rate, or not at all, and records errors and the
/// close status. Tests and the benchmark use the same client; <see cref="TerminalClientOptions"/> holds what differs.
/// </summary>
public sealed partial class TerminalClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly TerminalClientOptions _options;
    private readonly StringBuilder _output = new();
    private readonly List<JsonElement> _errors = [];
    private readonly List<JsonElement> _others = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private TaskCompletionSource _changed = NewSignal();
    private Task _reader = Task.CompletedTask;
    private Task _ackLoop = Task.CompletedTask;
    private long _unitsReceived;
    private long _unitsAcked;
    private long _outputMessages;

    private TerminalClient(ClientWebSocket socket, TerminalClientOptions options)
    {
        _socket = socket;
        _options = options;
        AckRate = options.AckRate;
    }

    /// <summary>Units acknowledged per second: 0 = at once, positive = at that rate (set at connect), negative = never.</summary>
    public double AckRate { get; set; }

    /// <summary>When true, every output message is acknowledged as soon as it arrives.</summary>
    public bool AutoAck
    {
        get => AckRate == 0;
        set => AckRate = value ? 0 : -1;
    }

    public string? SessionId { get; private set; }

    /// <summary>True once the server's <c>ready</c> message arrived.</summary>
    public bool Ready { get; private set; }

    public long UnitsReceived => Interlocked.Read(ref _unitsReceived);

    /// <summary>Same as <see cref="UnitsReceived"/> (the benchmark's name).</summary>
    public long Units => UnitsReceived;

    public long UnitsAcked => Interlocked.Read(ref _unitsAcked);

    /// <summary>Output (<c>success</c>) messages received: the benchmark's frames per MB.</summary>
    public long OutputMessages => Interlocked.Read(ref _outputMessages);

    /// <summary><see cref="Stopwatch"/> ticks when the first output arrived.</summary>
    public long FirstOutputTicks { get; private set; }

    /// <summary><see cref="Stopwatch"/> ticks when output last arrived.</summary>
    public long LastOutputTicks { get; private set; }

    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public bool Closed { get; private set; }

    /// <summary>Output so far (all of it, or the tail <see cref="TerminalClientOptions.KeepOutputChars"/> keeps).</summary>
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

    public static Task<TerminalClient> ConnectAsync(Uri uri, string? bearer = null, string? origin = null, bool autoAck = true) =>
        ConnectAsync(uri, new TerminalClientOptions { Bearer = bearer, Origin = origin, AckRate = autoAck ? 0 : -1 });

    public static async Task<TerminalClient> ConnectAsync(Uri uri, TerminalClientOptions options)
    {
        var socket = new ClientWebSocket();
        if (options.Bearer is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + options.Bearer);
        }

        if (options.Origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", options.Origin);
        }

        try
        {
            using var timeout = TestTimeouts.CreateTokenSource(options.ConnectTimeout);
            await socket.ConnectAsync(uri, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new TerminalClient(socket, options);
        if (options.Read)
        {
            client._reader = Task.Run(client.ReadLoopAsync);
            if (options.AckRate > 0)
            {
                client._ackLoop = Task.Run(client.RateLimitedAckLoopAsync);
            }
        }

        return client;
    }

    /// <summary>Drops the connection without a close frame (a network blip, a killed tab).</summary>
    public void Abort() => _socket.Abort();

    public Task SendInputAsync(string data) => SendJsonAsync(new { flag = "input", data });

    public Task ResizeAsync(int cols, int rows) => SendJsonAsync(new { flag = "resize", cols, rows });

    public async Task AckAsync(long units)
    {
        await SendJsonAsync(new { flag = "ack", bytes = units });
        Interlocked.Add(ref _unitsAcked, units);
    }

    /// <summary>Acknowledges everything received so far.</summary>
    public Task AckAllAsync() => UnitsReceived > UnitsAcked ? AckAsync(UnitsReceived - UnitsAcked) : Task.CompletedTask;

    public Task SendJsonAsync(object message) => SendRawAsync(JsonSerializer.SerializeToUtf8Bytes(message));

    public async Task SendRawAsync(byte[] payload, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        await _sendLock.WaitAsync().WithTimeout();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TestTimeouts.Default);
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
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (condition(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
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

    public async ValueTask DisposeAsync()
    {
        if (_options.CloseOnDispose && _socket.State == WebSocketState.Open)
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
        if (!_options.CloseOnDispose)
        {
            _socket.Abort();
        }

        await Task.WhenAll(_reader, _ackLoop).WaitAsync(TestTimeouts.Default).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void SignalChanged() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
}
