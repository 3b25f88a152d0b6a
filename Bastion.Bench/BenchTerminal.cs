using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Bastion.Bench;

/// <summary>
/// A lean terminal client: counts output units, watches for markers, and acknowledges output the way a browser would
/// (at once, at a limited rate, or never). With <c>read: false</c> it never reads the socket at all.
/// </summary>
internal sealed class BenchTerminal : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _tail = new();
    private readonly Lock _lock = new();
    private readonly List<(string Marker, long AfterUnits, TaskCompletionSource<long> Seen)> _waits = [];
    private Task _reader = Task.CompletedTask;
    private long _acked;

    /// <summary>Units acknowledged per second; 0 = at once, negative = never.</summary>
    public double AckRate { get; set; }

    public long Units { get; private set; }

    /// <summary>Stopwatch ticks when output last arrived.</summary>
    public long LastOutputTicks { get; private set; }

    public long FirstOutputTicks { get; private set; }

    public bool Ready { get; private set; }

    public static async Task<BenchTerminal> ConnectAsync(Uri uri, double ackRate = 0, bool read = true)
    {
        var terminal = new BenchTerminal { AckRate = ackRate };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await terminal._socket.ConnectAsync(uri, timeout.Token);
        if (read)
        {
            terminal._reader = Task.Run(terminal.ReadLoopAsync);
            if (ackRate > 0)
            {
                terminal._ackLoop = Task.Run(terminal.RateLimitedAckLoopAsync);
            }
        }

        return terminal;
    }

    private Task _ackLoop = Task.CompletedTask;

    public Task SendInputAsync(string data) => SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { flag = "input", data }));

    /// <summary>Completes with the unit count at the moment <paramref name="marker"/> appears after <paramref name="afterUnits"/>.</summary>
    public Task<long> WaitForAsync(string marker, long afterUnits = 0)
    {
        var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waits.Add((marker, afterUnits, seen));
        }

        return seen.Task.WaitAsync(TimeSpan.FromSeconds(300));
    }

    private async Task SendAsync(byte[] payload)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(payload, WebSocketMessageType.Text, true, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var (flag, message) = Parse(buffer.AsSpan(0, length));
                if (flag == "ready")
                {
                    Ready = true;
                }

                if (flag != "success" || message is null)
                {
                    continue;
                }

                var now = Stopwatch.GetTimestamp();
                if (Units == 0)
                {
                    FirstOutputTicks = now;
                }

                LastOutputTicks = now;
                Units += message.Length;
                CheckMarkers(message);
                if (AckRate == 0)
                {
                    await SendAsync(Encoding.UTF8.GetBytes($"{{\"flag\":\"ack\",\"bytes\":{message.Length}}}"));
                    _acked += message.Length;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    private async Task RateLimitedAckLoopAsync()
    {
        var started = Stopwatch.GetTimestamp();
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(10);
            var allowed = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * AckRate);
            var pending = Math.Min(Units, allowed) - _acked;
            if (pending > 0)
            {
                try
                {
                    await SendAsync(Encoding.UTF8.GetBytes($"{{\"flag\":\"ack\",\"bytes\":{pending}}}"));
                    _acked += pending;
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void CheckMarkers(string message)
    {
        lock (_lock)
        {
            if (_waits.Count == 0)
            {
                _tail.Clear();
                return;
            }

            _tail.Append(message);
            var text = _tail.ToString();
            for (var i = _waits.Count - 1; i >= 0; i--)
            {
                var (marker, after, seen) = _waits[i];
                var tailStart = Units - text.Length;
                var from = (int)Math.Max(0, after - tailStart);
                if (from <= text.Length && text.IndexOf(marker, from, StringComparison.Ordinal) >= 0)
                {
                    seen.TrySetResult(Units);
                    _waits.RemoveAt(i);
                }
            }

            if (_tail.Length > 4096)
            {
                _tail.Remove(0, _tail.Length - 4096);
            }
        }
    }

    private static (string? Flag, string? Message) Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? flag = null, message = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var name = reader.GetString();
            reader.Read();
            if (name == "flag")
            {
                flag = reader.GetString();
            }
            else if (name == "message")
            {
                message = reader.GetString();
            }
        }

        return (flag, message);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        await Task.WhenAll(_reader, _ackLoop).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}
