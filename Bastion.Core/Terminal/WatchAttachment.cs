using System.Buffers;
using System.Net.WebSockets;

namespace Bastion.Core.Terminal;

/// <summary>
/// A read-only socket watching a session. The session's output pump never waits for it: output goes into this
/// watcher's own queue, bounded at <see cref="QueueLimitChars"/>, and one writer per watcher drains it to the socket.
/// Policy at the bound: <b>resync</b>. The queue is dropped and replaced by <c>{"flag":"resync"}</c> and a fresh
/// screen snapshot, so a stalled watcher costs at most the bound in memory, never slows the owner, and when it reads
/// again it sees the current screen rather than a gap in the middle of an escape sequence.
/// </summary>
internal sealed class WatchAttachment : IDisposable
{
    /// <summary>The most output (UTF-16 units) queued for one watcher before it is resynchronised.</summary>
    public const int QueueLimitChars = 256 * 1024;

    private readonly Lock _lock = new();
    private readonly Queue<object> _queue = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly TimeSpan _sendTimeout;
    private readonly int _maxBatchBytes;
    private int _queuedChars;

    public WatchAttachment(WebSocket webSocket, string user, TerminalOptions options, bool mayType = false)
    {
        Socket = new TerminalSocket(webSocket);
        User = user;
        MayType = mayType;
        _sendTimeout = options.ClientSendTimeout;
        _maxBatchBytes = options.MaxBatchBytes;
    }

    public TerminalSocket Socket { get; }

    public string User { get; }

    /// <summary>An invited helper: its keystrokes go to the shell; the size stays the owner's.</summary>
    public bool MayType { get; }

    /// <summary>Ended from outside (its invitation was revoked or expired).</summary>
    public Task Dropped => _dropped.Task;

    private readonly TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Drop() => _dropped.TrySetResult();

    /// <summary>How often this watcher's queue overflowed into a snapshot.</summary>
    public int Resyncs { get; private set; }

    /// <summary>Queues output; past the bound, drops the queue for a resync to <paramref name="snapshot"/> (called
    /// only then, under the session's lock, so the snapshot includes this output).</summary>
    public void EnqueueOutput(string text, Func<string> snapshot)
    {
        lock (_lock)
        {
            if (_queuedChars + text.Length > QueueLimitChars)
            {
                _queue.Clear();
                Resyncs++;
                var screen = snapshot();
                _queue.Enqueue(TerminalProtocol.Resync());
                _queue.Enqueue(screen);
                _queuedChars = screen.Length;
            }
            else
            {
                _queue.Enqueue(text);
                _queuedChars += text.Length;
            }
        }

        Signal();
    }

    /// <summary>Queues a protocol message (ready, size, participants); small, counted against the bound too.</summary>
    public void EnqueueMessage(byte[] utf8Json)
    {
        lock (_lock)
        {
            _queue.Enqueue(utf8Json);
            _queuedChars += utf8Json.Length;
        }

        Signal();
    }

    /// <summary>Sends what is queued until the socket fails or the token is cancelled; returns when it stops.</summary>
    public async Task RunWriterAsync(CancellationToken cancellationToken)
    {
        var json = new ArrayBufferWriter<byte>(_maxBatchBytes + 256);
        try
        {
            while (true)
            {
                await _ready.WaitAsync(cancellationToken);
                object? item;
                lock (_lock)
                {
                    if (!_queue.TryDequeue(out item))
                    {
                        continue;
                    }

                    _queuedChars -= item is string s ? s.Length : ((byte[])item).Length;
                }

                ReadOnlyMemory<byte> payload;
                if (item is string text)
                {
                    json.ResetWrittenCount();
                    TerminalProtocol.WriteOutput(json, text);
                    payload = json.WrittenMemory;
                }
                else
                {
                    payload = (byte[])item;
                }

                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(_sendTimeout);
                await Socket.SendAsync(payload, deadline.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Cancelled by the session, or the watcher went away / stopped reading: it leaves; the session goes on.
        }
    }

    private void Signal()
    {
        try
        {
            _ready.Release();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _ready.Dispose();
        Socket.Dispose();
    }
}
