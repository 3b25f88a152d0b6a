namespace Bastion.Core.Terminal;

/// <summary>
/// The bounded queue between SSH.NET's receive thread and the async output pump.
/// <para>
/// The writer side is synchronous on purpose: SSH.NET raises <c>ShellStream.DataReceived</c> on the connection's own
/// receive thread after it has already re-opened the SSH window (SSH.NET 2026.0.0 <c>Channel.OnData</c>). Blocking
/// that thread in <see cref="Write"/> while the buffer is full is the only backpressure SSH.NET offers: its reader
/// stalls, TCP fills, sshd stops reading the PTY and the remote program blocks (issue #5).
/// </para>
/// Policy at the bound: wait. Memory held is at most <c>capacity + one chunk</c>.
/// </summary>
internal sealed class OutputBuffer
{
    // An object, not System.Threading.Lock: the writer blocks with Monitor.Wait.
    private readonly object _lock = new();
    private readonly byte[] _ring;
    private readonly int _capacity;
    private int _head;
    private int _count;
    private bool _completed;
    private bool _aborted;
    private TaskCompletionSource? _dataAvailable;

    /// <param name="capacity">The writer blocks while this many bytes are buffered.</param>
    /// <param name="maxChunk">The largest single <see cref="Write"/>; the ring holds capacity + maxChunk.</param>
    public OutputBuffer(int capacity, int maxChunk)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChunk);
        _capacity = capacity;
        MaxChunk = maxChunk;
        _ring = new byte[capacity + maxChunk];
    }

    public int MaxChunk { get; }

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
    public bool Write(ReadOnlySpan<byte> data)
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

            var tail = (_head + _count) % _ring.Length;
            var first = Math.Min(data.Length, _ring.Length - tail);
            data[..first].CopyTo(_ring.AsSpan(tail));
            data[first..].CopyTo(_ring);
            _count += data.Length;
            wake = _dataAvailable;
            _dataAvailable = null;
        }

        wake?.TrySetResult();
        return true;
    }

    /// <summary>The writer has finished (the host closed the channel); the reader drains what is left, then gets 0.</summary>
    public void Complete()
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            _completed = true;
            wake = _dataAvailable;
            _dataAvailable = null;
        }

        wake?.TrySetResult();
    }

    /// <summary>The reader is gone: release a blocked writer and drop everything from now on.</summary>
    public void Abort()
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            _aborted = true;
            _count = 0;
            wake = _dataAvailable;
            _dataAvailable = null;
            Monitor.PulseAll(_lock);
        }

        wake?.TrySetResult();
    }

    /// <summary>Copies up to <paramref name="destination"/>.Length buffered bytes, waiting for data if there is none.
    /// Returns 0 when the writer completed and everything was read, or after <see cref="Abort"/>.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_count > 0)
                {
                    return Take(destination.Span);
                }

                if (_completed || _aborted)
                {
                    return 0;
                }

                _dataAvailable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _dataAvailable.Task;
            }

            await wait.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Copies what is buffered right now without waiting; 0 if nothing is.</summary>
    public int TryRead(Span<byte> destination)
    {
        lock (_lock)
        {
            return _count > 0 ? Take(destination) : 0;
        }
    }

    private int Take(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, _count);
        var first = Math.Min(n, _ring.Length - _head);
        _ring.AsSpan(_head, first).CopyTo(destination);
        _ring.AsSpan(0, n - first).CopyTo(destination[first..]);
        _head = (_head + n) % _ring.Length;
        _count -= n;
        if (_count < _capacity)
        {
            Monitor.PulseAll(_lock);
        }

        return n;
    }
}
