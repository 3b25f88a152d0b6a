using System.Threading.Channels;
using Bastion.Core.Audit;

namespace Bastion.Core.Recording;

internal sealed partial class SessionRecorder
{
    private async Task WriteLoopAsync()
    {
        try
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync())
            {
                // Idle until now: the first event wakes the writer; while output streams it then wakes once per flush
                // interval (or when the queue asks for it, LingerAsync), not once per batch (issue 12).
                do
                {
                    Interlocked.Increment(ref _wakes);
                    await DrainAsync(reader);
                }
                while (await LingerAsync(reader));

                if (_unflushed)
                {
                    await FlushAsync();
                }
            }

            // Text dropped after the last queued event (DropAndMark) still gets its marker.
            var dropped = Interlocked.Exchange(ref _droppedChars, 0);
            if (dropped > 0)
            {
                _cast.WriteEvent(_time.GetElapsedTime(_start).TotalSeconds, 'm', $"recorder fell behind: {dropped} characters were not recorded");
                _skippedChars += dropped;
                await FlushAsync();
            }
        }
        catch (Exception ex) when (!_failure.IsFailed)
        {
            // A disk error: stop recording and make the next output end the session (fail closed). A full disk is its
            // own outcome (issue 13), told by the error's value.
            _failure.Fail(StorageFaults.IsStorageFull(ex) ? RecorderFailure.StorageFull : RecorderFailure.WriteFailed);
        }
        finally
        {
            ReleaseRoom(force: true);
        }
    }

    /// <summary>Writes everything queued; flushes once <see cref="RecordingOptions.FlushInterval"/> has passed since the
    /// last flush.</summary>
    private async Task DrainAsync(ChannelReader<Item> reader)
    {
        Volatile.Write(ref _urgent, false);
        while (reader.TryRead(out var item))
        {
            Interlocked.Add(ref _queuedChars, -item.Length);
            try
            {
                await WriteAsync(item);
            }
            finally
            {
                item.Return();
            }

            _unflushed = true;
            ReleaseRoom(force: false);
            if (_time.GetElapsedTime(_lastFlush) >= _options.FlushInterval)
            {
                await FlushAsync();
            }
        }
    }

    /// <summary>
    /// After a drain: waits until the next flush is due (<see cref="RecordingOptions.FlushInterval"/> after the last),
    /// unless the queue needs the writer sooner (<see cref="_wakeChars"/> queued, a checkpoint, the end). True when
    /// there are events to write; false when nothing came meanwhile (the writer flushes and goes idle).
    /// </summary>
    private async Task<bool> LingerAsync(ChannelReader<Item> reader)
    {
        var due = _options.FlushInterval - _time.GetElapsedTime(_lastFlush);
        if (due > TimeSpan.Zero && !_closing)
        {
            var nudge = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _nudge, nudge);
            // Published before the check: an event that asks for the writer from now on completes the nudge.
            if (!NeedsWriter())
            {
                using var stop = new CancellationTokenSource();
                var delay = Task.Delay(due, _time, stop.Token);
                await Task.WhenAny(delay, nudge.Task);
                await stop.CancelAsync();
            }

            Volatile.Write(ref _nudge, null);
        }

        return reader.TryPeek(out _);
    }

    private bool NeedsWriter() => _closing || Volatile.Read(ref _urgent) || Interlocked.Read(ref _queuedChars) >= _wakeChars;

    /// <summary>Wakes a lingering writer (at most once per linger: the nudge is taken).</summary>
    private void Nudge() => Interlocked.Exchange(ref _nudge, null)?.TrySetResult();

    /// <summary>Wakes an output pump waiting under <see cref="RecorderLagPolicy.Wait"/> once the queue is at half its
    /// bound (hysteresis, so the pump resumes with room for a burst), or when the writer stops.</summary>
    private void ReleaseRoom(bool force)
    {
        TaskCompletionSource? room;
        lock (_roomLock)
        {
            if (_room is null || (!force && Interlocked.Read(ref _queuedChars) > _options.QueueLimitChars / 2))
            {
                return;
            }

            room = _room;
            _room = null;
        }

        room.TrySetResult();
    }

    private async Task WriteAsync(Item item)
    {
        var offset = _time.GetElapsedTime(_start, item.Timestamp).TotalSeconds;
        var dropped = Interlocked.Exchange(ref _droppedChars, 0);
        if (dropped > 0)
        {
            _cast.WriteEvent(offset, 'm', $"recorder fell behind: {dropped} characters were not recorded");
            _skippedChars += dropped;
        }

        switch (item.Kind)
        {
            case 'o':
                foreach (var line in _commands.OnOutput(item.Chars))
                {
                    await _onCommand(new RecordedCommand(line, offset));
                }

                if (_cast.Position >= _options.MaxBytes)
                {
                    _skippedChars += item.Length;
                    if (!_capMarked)
                    {
                        _capMarked = true;
                        _cast.WriteEvent(offset, 'm', "recording size cap reached: further output is relayed but not recorded");
                    }

                    return;
                }

                _cast.WriteEvent(offset, 'o', item.Chars);
                break;
            case 'i':
                foreach (var line in _commands.OnInput(item.Text))
                {
                    await _onCommand(new RecordedCommand(line, offset));
                }

                if (_recordInput && !_capMarked)
                {
                    _cast.WriteEvent(offset, 'i', item.Text);
                }

                break;
            case 'c':
                await _checkpoints.TakeAsync(_cast, FlushAsync, offset);
                break;
            default:
                _commands.OnResize(item.Text);
                _cast.WriteEvent(offset, 'r', item.Text);
                break;
        }
    }

    private async Task FlushAsync()
    {
        _unflushed = false;
        await _cast.FlushAsync();
        _lastFlush = _time.GetTimestamp();
        Flushed.Raise();
    }
}
