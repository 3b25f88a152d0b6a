using System.Buffers;
using System.Net.WebSockets;

namespace Bastion.Core.Terminal;

/// <summary>
/// A read-only socket watching a session. The session's output pump never waits for it: output goes into this
/// watcher's own queue, bounded at <see cref="QueueLimitChars"/>, and one writer per watcher drains it to the socket.
/// Policy at the bound: <b>resync</b>. The queue (output and protocol messages alike) is dropped and replaced by
/// <c>{"flag":"resync"}</c>, the session's latest <c>size</c> and <c>participants</c>, and a fresh screen snapshot, so a
/// stalled watcher costs at most the bound plus one snapshot in memory, never slows the owner, and when it reads again
/// it sees the current screen and who is attached rather than a gap in the middle of an escape sequence.
/// </summary>
internal sealed class WatchAttachment : IDisposable
{
    /// <summary>The most queued for one watcher (UTF-16 units of output plus the bytes of protocol messages) before it
    /// is resynchronised.</summary>
    public const int QueueLimitChars = 256 * 1024;

    private readonly Lock _lock = new();
    private readonly Queue<object> _queue = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly TimeSpan _sendTimeout;
    private readonly int _maxBatchBytes;
    private int _queuedChars;
    private byte[]? _size;
    private byte[]? _participants;

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

    /// <summary>The most this watcher's queue has held (UTF-16 units of output plus the bytes of protocol messages):
    /// at most <see cref="QueueLimitChars"/> plus one resync (a screen snapshot and the session's state).</summary>
    public int PeakQueuedChars { get; private set; }

    /// <summary>Queues output; past the bound, drops the queue for a resync to <paramref name="snapshot"/> (called
    /// only then, under the session's lock, so the snapshot includes this output).</summary>
    public void EnqueueOutput(string text, Func<string> snapshot)
    {
        lock (_lock)
        {
            if (_queuedChars + text.Length > QueueLimitChars)
            {
                ResyncLocked(snapshot);
            }
            else
            {
                EnqueueLocked(text, text.Length);
            }
        }

        Signal();
    }

    /// <summary>Queues a protocol message (ready, a warning), counted against the bound like output: a watcher that
    /// reads nothing while people come and go is resynchronised too.</summary>
    public void EnqueueMessage(byte[] utf8Json, Func<string> snapshot) => Enqueue(utf8Json, snapshot, state: false);

    /// <summary>Queues the session's <c>size</c>; a resync sends the latest one again.</summary>
    public void EnqueueSize(byte[] utf8Json, Func<string> snapshot)
    {
        lock (_lock)
        {
            _size = utf8Json;
        }

        Enqueue(utf8Json, snapshot, state: true);
    }

    /// <summary>Queues the participant list; a resync sends the latest one again.</summary>
    public void EnqueueParticipants(byte[] utf8Json, Func<string> snapshot)
    {
        lock (_lock)
        {
            _participants = utf8Json;
        }

        Enqueue(utf8Json, snapshot, state: true);
    }

    /// <summary><paramref name="state"/>: the message is the latest size or participant list, which a resync sends anyway.</summary>
    private void Enqueue(byte[] utf8Json, Func<string> snapshot, bool state)
    {
        lock (_lock)
        {
            if (_queuedChars + utf8Json.Length <= QueueLimitChars)
            {
                EnqueueLocked(utf8Json, utf8Json.Length);
            }
            else
            {
                ResyncLocked(snapshot);
                if (!state)
                {
                    EnqueueLocked(utf8Json, utf8Json.Length);
                }
            }
        }

        Signal();
    }

    /// <summary>The policy at the bound: what is queued goes, and <c>resync</c>, the latest size and participant list
    /// (they may have been in what went) and the current screen take its place.</summary>
    private void ResyncLocked(Func<string> snapshot)
    {
        _queue.Clear();
        _queuedChars = 0;
        Resyncs++;
        var resync = TerminalProtocol.Resync();
        EnqueueLocked(resync, resync.Length);
        foreach (var state in new[] { _size, _participants })
        {
            if (state is not null)
            {
                EnqueueLocked(state, state.Length);
            }
        }

        var screen = snapshot();
        EnqueueLocked(screen, screen.Length);
    }

    private void EnqueueLocked(object item, int chars)
    {
        _queue.Enqueue(item);
        _queuedChars += chars;
        PeakQueuedChars = Math.Max(PeakQueuedChars, _queuedChars);
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
