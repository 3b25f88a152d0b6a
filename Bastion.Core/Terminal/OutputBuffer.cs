using Bastion.Core.Telemetry;

namespace Bastion.Core.Terminal;

/// <summary>
/// The bounded queue between SSH.NET's receive thread and the async output pump.
/// <para>
/// The writer side is synchronous on purpose: SSH.NET raises <c>ShellStream.DataReceived</c> on the connection's own
/// receive thread after it has already re-opened the SSH window (SSH.NET 2026.0.0 <c>Channel.OnData</c>). Blocking
/// that thread in <see cref="Write"/> while the buffer is full is the only backpressure SSH.NET offers: its reader
/// stalls, TCP fills, sshd stops reading the PTY and the remote program blocks (issue #5).
/// </para>
/// Policy at the bound: wait. Memory held is at most <c>capacity + one chunk</c>, and none while the buffer is empty:
/// the ring is rented from <see cref="RelayBuffers"/> by the write that finds it empty and returned by the read that
/// empties it (issue 12: an idle session holds no ring).
/// <para>
/// Fewer, larger hand-offs (issue 12): a writer that knows more output is already on its way (<c>moreComing</c>: the
/// SSH socket has unread bytes) does not wake a waiting reader until <see cref="WakeBytes"/> are buffered or its next
/// write says nothing more is coming, so a flood is handed over in batches instead of one wake-up per ~4 KB SSH
/// packet. The writer may pass the question instead of the answer (a probe): it is asked only when a reader waits and
/// would be woken by this write, so a packet that arrives while the pump runs costs no system call. A deferred wake is
/// never lost: <see cref="MaxWakeDelay"/> after the first one a timer wakes the reader anyway (the bytes on the socket
/// may be an SSH message that carries no output). A keystroke's echo arrives alone and wakes the reader at once.
/// </para>
/// <para>
/// A stream is gathered too (issue 12): a host that floods faster than one SSH packet at a time rarely leaves bytes
/// unread on the socket when the receive thread looks (the relay drains it faster than sshd refills it), so
/// <c>moreComing</c> alone left every ~3 KB packet its own hand-off, frame and recorder wake. A write of at least
/// <see cref="StreamPacketBytes"/> that comes within <see cref="StreamGap"/> of a read that itself took at least that
/// much is treated as more coming, under the same bounds (<see cref="WakeBytes"/>, <see cref="MaxWakeDelay"/>). A
/// keystroke's echo, and the first output after one, is small or follows a small read, so it is never deferred.
/// </para>
/// <para>
/// The writer's wake runs the reader's continuation inline, on SSH.NET's receive thread: decoding, JSON and the
/// WebSocket send (which Kestrel usually completes synchronously) happen there, without a thread-pool hop per batch
/// (a keystroke's echo goes out without one). The reader never blocks synchronously, so the receive thread is back as
/// soon as the pump awaits something that is not ready (the flow window, a full socket, the next batch).
/// </para>
/// </summary>
internal sealed partial class OutputBuffer
{
    /// <summary>The longest a deferred wake waits (the bound on added latency during a flood).</summary>
    public static readonly TimeSpan MaxWakeDelay = TimeSpan.FromMilliseconds(2);

    /// <summary>A write (and the read before it) this large is part of a stream: see the class summary.</summary>
    public const int StreamPacketBytes = 1024;

    /// <summary>How soon after a large read a large write counts as the same stream, by default
    /// (<see cref="TerminalOptions.OutputStreamGap"/>).</summary>
    public static readonly TimeSpan StreamGap = TimeSpan.FromMilliseconds(1);

    private readonly TimeSpan _streamGap;

    // An object, not System.Threading.Lock: the writer blocks with Monitor.Wait.
    private readonly object _lock = new();
    private byte[]? _ring;
    private readonly int _capacity;
    private int _head;
    private int _count;
    private bool _completed;
    private bool _aborted;
    private readonly TimeProvider _time;
    private TaskCompletionSource? _dataAvailable;
    private ITimer? _wakeTimer;
    private bool _wakeTimerArmed;
    private long _lastLargeRead; // when the last read took at least StreamPacketBytes (0: it took less, or none yet)

    /// <param name="capacity">The writer blocks while this many bytes are buffered.</param>
    /// <param name="maxChunk">The largest single <see cref="Write"/>; the ring holds capacity + maxChunk.</param>
    /// <param name="wakeBytes">A deferred wake happens once this many bytes are buffered (default: one chunk).</param>
    /// <param name="streamGap">See <see cref="StreamGap"/> (the default); zero: no stream is gathered.</param>
    public OutputBuffer(int capacity, int maxChunk, int? wakeBytes = null, TimeProvider? time = null, TimeSpan? streamGap = null)
    {
        _streamGap = streamGap ?? StreamGap;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChunk);
        _capacity = capacity;
        MaxChunk = maxChunk;
        WakeBytes = Math.Clamp(wakeBytes ?? maxChunk, 1, capacity);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Whether the ring is held (only while bytes are buffered).</summary>
    public bool HoldsRing
    {
        get
        {
            lock (_lock)
            {
                return _ring is not null;
            }
        }
    }

    public int MaxChunk { get; }

    public int WakeBytes { get; }

    /// <summary>Wakes that were deferred because more output was coming (a measure of the batching).</summary>
    public long DeferredWakes { get; private set; }

    /// <summary>Of <see cref="DeferredWakes"/>, those deferred because the write was part of a stream.</summary>
    public long StreamDeferrals { get; private set; }

    /// <summary>Times a write's probe was asked (<see cref="Write(ReadOnlySpan{byte}, bool, Func{bool})"/>): one system
    /// call each.</summary>
    public long Probes { get; private set; }

    /// <summary>Of <see cref="DeferredWakes"/>, those deferred because the probe said more was on its way.</summary>
    public long ProbeDeferrals { get; private set; }

    /// <summary>Times the wake timer fired (each one a wake of the timer thread).</summary>
    public long WakeTimerTicks { get; private set; }

    public int BufferedBytes
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>How many times the writer found the buffer full and had to wait (the host outpaced the browser).</summary>
    public long WriterWaits { get; private set; }

    /// <summary>
    /// Appends <paramref name="data"/>, first blocking while the buffer is at capacity. Returns false once the reader
    /// has aborted (the session is ending), in which case the data is dropped.
    /// </summary>
    public bool Write(ReadOnlySpan<byte> data) => Write(data, moreComing: false);

    /// <inheritdoc cref="Write(ReadOnlySpan{byte})"/>
    /// <param name="moreComing">More output is already on its way: a waiting reader may be left asleep until
    /// <see cref="WakeBytes"/> are buffered, a write without it, or <see cref="MaxWakeDelay"/>.</param>
    public bool Write(ReadOnlySpan<byte> data, bool moreComing) => Write(data, moreComing, probe: null);

    /// <inheritdoc cref="Write(ReadOnlySpan{byte}, bool)"/>
    /// <param name="probe">Asked whether more output is on its way (the SSH socket's unread bytes: a system call) only
    /// when the answer decides something: a reader is waiting, this write would wake it, and neither
    /// <paramref name="moreComing"/> nor the stream rule already deferred the wake (issue 12: while the pump is running,
    /// or gathering a stream, no packet pays for the question).</param>
    public bool Write(ReadOnlySpan<byte> data, bool moreComing, Func<bool>? probe)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, MaxChunk);
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (_count >= _capacity && !_aborted)
            {
                WriterWaits++;
                while (_count >= _capacity && !_aborted)
                {
                    Monitor.Wait(_lock);
                }
            }

            if (_aborted || _completed)
            {
                return false;
            }

            if (data.IsEmpty)
            {
                return true;
            }

            var ring = _ring ??= RelayBuffers.Bytes.Rent(_capacity + MaxChunk);
            var tail = (_head + _count) % ring.Length;
            var first = Math.Min(data.Length, ring.Length - tail);
            data[..first].CopyTo(ring.AsSpan(tail));
            data[first..].CopyTo(ring);
            _count += data.Length;
            if (_count < WakeBytes && _dataAvailable is not null && Defers(data.Length, moreComing, probe, out var reason))
            {
                DeferredWakes++;
                BastionInstruments.OutputWakesDeferred.Add(1, reason);
                ArmWakeTimer();
                return true;
            }

            wake = _dataAvailable;
            _dataAvailable = null;
            if (wake is not null && _wakeTimerArmed)
            {
                // The batch went out by size: a tick now would only wake the timer thread for nothing.
                _wakeTimerArmed = false;
                _wakeTimer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        wake?.TrySetResult(); // inline: see the class summary
        return true;
    }

    /// <summary>The writer has finished (the host closed the channel); the reader drains what is left, then gets 0.</summary>
    public void Complete()
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            _completed = true;
            StopWakeTimer();
            wake = _dataAvailable;
            _dataAvailable = null;
        }

        WakeOnThreadPool(wake);
    }

    /// <summary>The reader is gone: release a blocked writer and drop everything from now on.</summary>
    public void Abort()
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            _aborted = true;
            StopWakeTimer();
            _count = 0;
            ReleaseRing();
            wake = _dataAvailable;
            _dataAvailable = null;
            Monitor.PulseAll(_lock);
        }

        WakeOnThreadPool(wake);
    }
}
