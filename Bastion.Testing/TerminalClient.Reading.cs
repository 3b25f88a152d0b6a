using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Bastion.Testing;

public sealed partial class TerminalClient
{
    private const int MarkerTailChars = 4096;
    private readonly Lock _markerLock = new();
    private readonly StringBuilder _markerTail = new();
    private readonly List<(string Marker, long AfterUnits, TaskCompletionSource<long> Seen)> _markers = [];

    /// <summary>
    /// Completes with the unit count at the moment <paramref name="marker"/> appears in output that arrives after this
    /// call, at or after unit <paramref name="afterUnits"/>. Cheap enough for a flood (it scans a bounded tail).
    /// </summary>
    public Task<long> WaitForMarkerAsync(string marker, long afterUnits = 0, TimeSpan? timeout = null)
    {
        var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_markerLock)
        {
            _markers.Add((marker, afterUnits, seen));
        }

        return seen.Task.WaitAsync(timeout ?? _options.MarkerTimeout);
    }

    private Task _readGate = Task.CompletedTask;

    /// <summary>Stops reading the socket for <paramref name="duration"/> from the next message on (a browser tab that
    /// stalls; the server sees TCP backpressure only).</summary>
    public void PauseReading(TimeSpan duration) => Volatile.Write(ref _readGate, Task.Delay(duration));

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (true)
            {
                await Volatile.Read(ref _readGate);
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
                    await AnswerCloseAsync();
                    return;
                }

                await OnMessageAsync(buffer.AsMemory(0, length));
                SignalChanged();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            CloseStatus ??= _socket.CloseStatus;
        }
        finally
        {
            Closed = true;
            SignalChanged();
        }
    }

    /// <summary>
    /// Answers the server's close frame, as a browser does (RFC 6455 §5.5.1: an endpoint that receives a Close sends
    /// one back). Unanswered, the server waits its whole close timeout (2 s) for it before it lets the socket go.
    /// </summary>
    private async Task AnswerCloseAsync()
    {
        if (!await _sendLock.WaitAsync(TestTimeouts.Default))
        {
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            if (_socket.State == WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task OnMessageAsync(ReadOnlyMemory<byte> json)
    {
        var (flag, message) = ParseFlagAndMessage(json.Span);
        switch (flag)
        {
            case "success" when message is not null:
                OnOutput(message);
                if (AckRate == 0)
                {
                    await AckAsync(message.Length);
                }

                break;
            case "error":
                using (var doc = JsonDocument.Parse(json))
                {
                    lock (_output)
                    {
                        _errors.Add(doc.RootElement.Clone());
                    }
                }

                break;
            case "warning":
                OnWarning(json);
                break;
            case "ready":
                using (var doc = JsonDocument.Parse(json))
                {
                    SessionId = doc.RootElement.GetProperty("sessionId").GetString();
                    KeepOther(doc.RootElement);
                }

                Ready = true;
                break;
            default:
                using (var doc = JsonDocument.Parse(json))
                {
                    KeepOther(doc.RootElement);
                }

                break;
        }
    }

    private void KeepOther(JsonElement message)
    {
        lock (_output)
        {
            _others.Add(message.Clone());
        }
    }

    private void OnOutput(string text)
    {
        var now = Stopwatch.GetTimestamp();
        if (UnitsReceived == 0)
        {
            FirstOutputTicks = now;
        }

        LastOutputTicks = now;
        lock (_output)
        {
            _output.Append(text);
            if (_options.KeepOutputChars is { } keep && _output.Length > 2 * keep)
            {
                _output.Remove(0, _output.Length - keep);
            }
        }

        Interlocked.Add(ref _unitsReceived, text.Length);
        Interlocked.Increment(ref _outputMessages);
        CheckMarkers(text);
    }

    private async Task RateLimitedAckLoopAsync()
    {
        var started = Stopwatch.GetTimestamp();
        while (!_stop.IsCancellationRequested && AckRate > 0)
        {
            try
            {
                await Task.Delay(10, _stop.Token);
                var allowed = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * AckRate);
                var pending = Math.Min(UnitsReceived, allowed) - UnitsAcked;
                if (pending > 0)
                {
                    await AckAsync(pending);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private void CheckMarkers(string message)
    {
        lock (_markerLock)
        {
            if (_markers.Count == 0)
            {
                _markerTail.Clear();
                return;
            }

            _markerTail.Append(message);
            var text = _markerTail.ToString();
            var units = UnitsReceived;
            for (var i = _markers.Count - 1; i >= 0; i--)
            {
                var (marker, after, seen) = _markers[i];
                var tailStart = units - text.Length;
                var from = (int)Math.Max(0, after - tailStart);
                if (from <= text.Length && text.IndexOf(marker, from, StringComparison.Ordinal) >= 0)
                {
                    seen.TrySetResult(units);
                    _markers.RemoveAt(i);
                }
            }

            if (_markerTail.Length > MarkerTailChars)
            {
                _markerTail.Remove(0, _markerTail.Length - MarkerTailChars);
            }
        }
    }

    private static (string? Flag, string? Message) ParseFlagAndMessage(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? flag = null, message = null;
        while (reader.Read())
        {
            if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var isFlag = reader.ValueTextEquals("flag"u8);
            var isMessage = !isFlag && reader.ValueTextEquals("message"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && (isFlag || isMessage))
            {
                if (isFlag)
                {
                    flag = reader.GetString();
                }
                else
                {
                    message = reader.GetString();
                }
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return (flag, message);
    }
}
