namespace Bastion.Core.Terminal;

internal sealed partial class OutputBuffer
{
    /// <summary>Copies up to <paramref name="destination"/>.Length buffered bytes, waiting for data if there is none.
    /// Returns 0 when the writer completed and everything was read, or after <see cref="Abort"/>.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        await WaitForDataAsync(cancellationToken);
        return TryRead(destination.Span);
    }

    /// <summary>Completes when bytes are buffered, the writer completed or the buffer was aborted (a reader that holds
    /// no buffer while it waits: see <see cref="OutputPump"/>).</summary>
    public async ValueTask WaitForDataAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_count > 0 || _completed || _aborted)
                {
                    return;
                }

                _dataAvailable ??= new TaskCompletionSource(); // continuations run inline on the writer's thread
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
        var ring = _ring!;
        var n = Math.Min(destination.Length, _count);
        var first = Math.Min(n, ring.Length - _head);
        ring.AsSpan(_head, first).CopyTo(destination);
        ring.AsSpan(0, n - first).CopyTo(destination[first..]);
        _head = (_head + n) % ring.Length;
        _count -= n;
        _lastLargeRead = n >= StreamPacketBytes ? _time.GetTimestamp() : 0; // a small read ends the stream

        if (_count == 0)
        {
            ReleaseRing();
        }

        if (_count < _capacity)
        {
            Monitor.PulseAll(_lock);
        }

        return n;
    }

    /// <summary>Under the lock, when nothing is buffered: the ring goes back to the pool.</summary>
    private void ReleaseRing()
    {
        if (_ring is not null)
        {
            RelayBuffers.Bytes.Return(_ring);
            _ring = null;
        }

        _head = 0;
    }
}
