using Bastion.Core.Telemetry;
namespace Bastion.Core.Terminal;

/// <summary>
/// Output the browser has been sent but has not yet acknowledged as rendered (issue #5). The output pump waits in
/// <see cref="WaitForRoomAsync"/> once the unacknowledged amount reaches the high-water mark and resumes only when
/// acknowledgements bring it down to the low-water mark, so a flood turns into a few large messages instead of a
/// stream of tiny ones. Units are UTF-16 code units of message text (docs/PROTOCOL.md). Only an ack that brings a
/// paused window down to the low-water mark wakes the pump; every other ack is a subtraction under the lock.
/// </summary>
internal sealed class FlowWindow
{
    private readonly Lock _lock = new();
    private readonly long _highWater;
    private readonly long _lowWater;
    private long _unacked;
    private TaskCompletionSource? _resume;

    public FlowWindow(long highWater, long lowWater)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(highWater);
        ArgumentOutOfRangeException.ThrowIfNegative(lowWater);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lowWater, highWater);
        _highWater = highWater;
        _lowWater = lowWater;
    }

    public long Unacknowledged
    {
        get
        {
            lock (_lock)
            {
                return _unacked;
            }
        }
    }

    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _resume is not null;
            }
        }
    }

    /// <summary>True when <see cref="WaitForRoomAsync"/> would complete at once (the pump's fast path: no wait set up).</summary>
    public bool HasRoom
    {
        get
        {
            lock (_lock)
            {
                return _resume is null && _unacked < _highWater;
            }
        }
    }

    /// <summary>How many times output was paused for the browser.</summary>
    public int Pauses { get; private set; }

    public void OnSent(long units)
    {
        lock (_lock)
        {
            _unacked += units;
        }
    }

    /// <summary>Records an acknowledgement. Returns false if it acknowledged more than was sent (the excess is ignored).</summary>
    public bool OnAck(long units)
    {
        TaskCompletionSource? resume = null;
        bool valid;
        lock (_lock)
        {
            valid = units <= _unacked;
            _unacked = Math.Max(0, _unacked - units);
            if (_resume is not null && _unacked <= _lowWater)
            {
                resume = _resume;
                _resume = null;
            }
        }

        resume?.TrySetResult();
        return valid;
    }

    /// <summary>Completes at once below the high-water mark; otherwise waits until acks reach the low-water mark.</summary>
    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (_lock)
        {
            if (_resume is null && _unacked < _highWater)
            {
                return ValueTask.CompletedTask;
            }

            if (_resume is null)
            {
                // Continuations run inline (issue 12): the ack that crosses the low-water mark resumes the output
                // pump on the input pump's thread, without a thread-pool hop; the pump never blocks, and gives the
                // thread back when it next awaits (the window full again, the buffer empty, a full socket).
                _resume = new TaskCompletionSource();
                Pauses++;
                BastionInstruments.FlowControlPauses.Add(1);
            }

            wait = _resume.Task;
        }

        return new ValueTask(wait.WaitAsync(cancellationToken));
    }
}
