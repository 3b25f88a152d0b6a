using Bastion.Core.Telemetry;

namespace Bastion.Core.Terminal;

/// <summary>The wake policy of <see cref="OutputBuffer"/> (see its summary): when a write leaves a waiting reader
/// asleep, and the timer that bounds how long.</summary>
internal sealed partial class OutputBuffer
{
    /// <summary>Under the lock, with a reader waiting: whether this write's wake waits, and why (a metric's reason).
    /// The probe is asked last, since it costs a system call.</summary>
    private bool Defers(int length, bool moreComing, Func<bool>? probe, out KeyValuePair<string, object?> reason)
    {
        reason = BastionInstruments.ReasonMoreComing;
        if (moreComing)
        {
            return true;
        }

        if (InStream(length))
        {
            reason = BastionInstruments.ReasonStream;
            StreamDeferrals++;
            return true;
        }

        if (probe is null)
        {
            return false;
        }

        Probes++;
        if (!probe())
        {
            return false;
        }

        ProbeDeferrals++;
        return true;
    }

    /// <summary>Under the lock: a write of <paramref name="length"/> bytes continues a stream (see the class summary).</summary>
    private bool InStream(int length) =>
        length >= StreamPacketBytes && _lastLargeRead != 0 && _time.GetElapsedTime(_lastLargeRead) < _streamGap;

    /// <summary>Under the lock: at most one timer tick in flight per <see cref="MaxWakeDelay"/>, created on the first
    /// deferral (an idle or interactive session never has one).</summary>
    private void ArmWakeTimer()
    {
        if (_wakeTimerArmed)
        {
            return;
        }

        _wakeTimerArmed = true;
        _wakeTimer ??= _time.CreateTimer(static state => ((OutputBuffer)state!).OnWakeTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _wakeTimer.Change(MaxWakeDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Wakes from anywhere but the writer (a timer, the session's teardown) resume the reader on the thread
    /// pool, never inside the caller.</summary>
    private static void WakeOnThreadPool(TaskCompletionSource? wake)
    {
        if (wake is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static w => w.TrySetResult(), wake, preferLocal: false);
        }
    }

    /// <summary>Under the lock, when no write can follow (completed or aborted): the timer goes with the writer.</summary>
    private void StopWakeTimer()
    {
        _wakeTimer?.Dispose();
        _wakeTimer = null;
        _wakeTimerArmed = false;
    }

    private void OnWakeTimer()
    {
        TaskCompletionSource? wake = null;
        lock (_lock)
        {
            WakeTimerTicks++;
            BastionInstruments.OutputWakeTimerTicks.Add(1);
            _wakeTimerArmed = false;
            if (_count > 0 || _completed || _aborted)
            {
                wake = _dataAvailable;
                _dataAvailable = null;
            }
        }

        WakeOnThreadPool(wake);
    }
}
