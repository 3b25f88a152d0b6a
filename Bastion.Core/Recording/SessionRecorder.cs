using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using Bastion.Core.Audit;
using Bastion.Core.Telemetry;
using Bastion.Core.Terminal;

namespace Bastion.Core.Recording;

/// <summary>
/// Records one session as asciicast v2. The relay's pumps call the <see cref="ISessionTap"/> methods: they copy the
/// text into a queue bounded by <see cref="RecordingOptions.QueueLimitChars"/> and return at once; one writer task
/// turns the queue into file lines (<see cref="AsciicastWriter"/>), feeds the command log, and flushes at most
/// <see cref="RecordingOptions.FlushInterval"/> after the last flush, so nothing sits only in memory for longer. The
/// first event after a quiet spell wakes the writer at once; while output streams it then wakes once per flush
/// interval (issue 12: not once per batch), sooner only when <see cref="WakeCharsLimit"/> is queued, a checkpoint is
/// due, or the session ends; once an interval passes with nothing new it flushes and sleeps until the next event.
/// Checkpoints (<see cref="RecordingCheckpointer"/>) travel in the same queue; a failure is latched in
/// <see cref="RecorderFailureLatch"/>.
/// </summary>
internal sealed class SessionRecorder : ISessionTap, IQueuedChars, IAsyncDisposable
{
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RecordingOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _recordInput;
    private readonly Func<RecordedCommand, Task> _onCommand;
    private readonly RecordingCheckpointer _checkpoints;
    private readonly RecorderFailureLatch _failure = new();
    private readonly CommandLineTracker _commands;
    private readonly AsciicastWriter _cast;
    private readonly long _start;
    private Task? _writer;
    private long _queuedChars;
    private long _droppedChars;
    private long _skippedChars;
    private bool _capMarked;
    private long _lastFlush;
    private readonly Lock _roomLock = new();
    private readonly long _wakeChars;
    private TaskCompletionSource? _room;
    private TaskCompletionSource? _nudge;
    private long _wakes;
    private bool _unflushed;
    private volatile bool _closing;
    private bool _urgent;

    private SessionRecorder(
        string path, RecordingOptions options, TimeProvider time, bool recordInput, Func<RecordedCommand, Task> onCommand, Func<RecordingCheckpoint, Task> onCheckpoint)
    {
        Path = path;
        _options = options;
        _time = time;
        _recordInput = recordInput;
        _onCommand = onCommand;
        _checkpoints = new RecordingCheckpointer(options.CheckpointInterval, time, onCheckpoint);
        _commands = new CommandLineTracker(fromInput: recordInput);
        _cast = new AsciicastWriter(path);
        _start = time.GetTimestamp();
        _lastFlush = _start;
        _wakeChars = Math.Min(options.QueueLimitChars / 2, WakeCharsLimit);
    }

    /// <summary>While output streams, the writer is woken before its flush is due once this much text is queued (at
    /// most half of <see cref="RecordingOptions.QueueLimitChars"/>), so the pooled arrays waiting stay few and the
    /// output pump never meets the bound because the writer slept.</summary>
    public const int WakeCharsLimit = 64 * 1024;

    public string Path { get; }

    /// <summary>How often the writer task was woken to write (the test seam for issue 12's wake-ups per MB).</summary>
    internal long WriterWakes => Interlocked.Read(ref _wakes);

    /// <summary>Told after each flush that the file grew (the search index's hook).</summary>
    public RecorderFlushHook Flushed { get; } = new();

    /// <summary>Why the recording stopped taking output, or <see cref="RecorderFailure.None"/>.</summary>
    public RecorderFailure Failure => _failure.Failure;

    /// <summary>Characters taken but not yet written (the recorder's lag), for <see cref="RecorderLag"/>.</summary>
    public long QueuedChars => Interlocked.Read(ref _queuedChars);

    /// <summary>See <see cref="RecorderFailureLatch.WhenFailed"/>.</summary>
    public void WhenFailed(Action<RecorderFailure> onFailed) => _failure.WhenFailed(onFailed);

    /// <summary>Creates the file, writes the header and starts the writer.</summary>
    public static async Task<SessionRecorder> StartAsync(
        string path, int cols, int rows, string title, bool recordInput, RecordingOptions options, TimeProvider time,
        Func<RecordedCommand, Task> onCommand, Func<RecordingCheckpoint, Task> onCheckpoint, CancellationToken cancellationToken)
    {
        var recorder = new SessionRecorder(path, options, time, recordInput, onCommand, onCheckpoint);
        recorder._commands.Columns = cols;
        try
        {
            recorder._cast.WriteHeader(cols, rows, time.GetUtcNow(), title);
            await recorder._cast.FlushAsync(cancellationToken);
        }
        catch
        {
            // The header could not be written (a full disk): close the file without its unwritten buffer.
            try
            {
                await recorder.DisposeAsync();
            }
            catch (IOException)
            {
            }

            throw;
        }

        recorder._writer = Task.Run(recorder.WriteLoopAsync, CancellationToken.None);
        RecorderLag.Add(recorder);
        recorder._checkpoints.Start(recorder.QueueCheckpoint);
        return recorder;
    }

    /// <summary>A checkpoint does not wait for the next flush: it wakes a lingering writer.</summary>
    private bool QueueCheckpoint()
    {
        if (!_queue.Writer.TryWrite(new Item('c', "", _time.GetTimestamp())))
        {
            return false;
        }

        Volatile.Write(ref _urgent, true);
        Nudge();
        return true;
    }

    public bool OnOutput(ReadOnlySpan<char> text)
    {
        if (_failure.IsFailed)
        {
            return false;
        }

        return Enqueue('o', text) || _options.WhenBehind == RecorderLagPolicy.DropAndMark;
    }

    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        if (_options.WhenBehind != RecorderLagPolicy.Wait || Interlocked.Read(ref _queuedChars) <= _options.QueueLimitChars)
        {
            return ValueTask.CompletedTask;
        }

        lock (_roomLock)
        {
            if (Interlocked.Read(ref _queuedChars) <= _options.QueueLimitChars || _failure.IsFailed)
            {
                return ValueTask.CompletedTask;
            }

            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new ValueTask(_room.Task.WaitAsync(cancellationToken));
        }
    }

    public void OnInput(ReadOnlySpan<char> text) => Enqueue('i', text);

    public void OnResize(int cols, int rows) =>
        Enqueue('r', string.Create(CultureInfo.InvariantCulture, $"{cols}x{rows}"));

    /// <summary>Stops accepting events, drains the queue, closes the file and hashes it.</summary>
    public async Task<RecordingSummary> CompleteAsync()
    {
        await _checkpoints.StopAsync();
        _closing = true;
        _queue.Writer.TryComplete();
        Nudge();
        RecorderLag.Remove(this);
        if (_writer is not null)
        {
            await _writer;
        }

        try
        {
            await _cast.CloseAsync();
        }
        catch (IOException ex)
        {
            // The last buffered lines could not be written (a full disk): the file is closed without them.
            _failure.Fail(StorageFaults.IsStorageFull(ex) ? RecorderFailure.StorageFull : RecorderFailure.WriteFailed);
        }

        var failed = _failure.IsFailed;
        // After a write error what reached the disk may differ from what was written: hash the file itself.
        var (bytes, sha) = failed ? await AsciicastWriter.HashFileAsync(Path) : (_cast.Written, _cast.FinalSha256());
        await _cast.DisposeAsync();

        return new RecordingSummary(sha, bytes, _skippedChars + Interlocked.Read(ref _droppedChars), failed, Failure);
    }

    public async ValueTask DisposeAsync()
    {
        await _checkpoints.StopAsync();
        _closing = true;
        _queue.Writer.TryComplete();
        Nudge();
        RecorderLag.Remove(this);
        await _cast.DisposeAsync();
        _checkpoints.Dispose();
    }

    private bool Enqueue(char kind, ReadOnlySpan<char> text)
    {
        // Under Wait, the queue may exceed its bound by one message: the pump then waits in WaitForRoomAsync.
        var queued = Interlocked.Add(ref _queuedChars, text.Length);
        // The event that crosses the wake mark wakes a lingering writer once it is in the queue.
        var wake = queued >= _wakeChars && queued - text.Length < _wakeChars;
        if (queued > _options.QueueLimitChars && _options.WhenBehind != RecorderLagPolicy.Wait)
        {
            Interlocked.Add(ref _queuedChars, -text.Length);
            Interlocked.Add(ref _droppedChars, text.Length);
            if (_options.WhenBehind == RecorderLagPolicy.EndSession)
            {
                _failure.Fail(RecorderFailure.FellBehind);
            }

            return false;
        }

        // Output is the relay's hot path (issue 12): its text is copied into a pooled array the writer returns, not
        // into a string per batch.
        if (kind == 'o')
        {
            var rented = ArrayPool<char>.Shared.Rent(text.Length);
            text.CopyTo(rented);
            if (_queue.Writer.TryWrite(new Item(kind, "", _time.GetTimestamp(), rented, text.Length)))
            {
                if (wake)
                {
                    Nudge();
                }

                return true;
            }

            ArrayPool<char>.Shared.Return(rented);
            return false;
        }

        if (!_queue.Writer.TryWrite(new Item(kind, text.ToString(), _time.GetTimestamp())))
        {
            return false;
        }

        if (wake)
        {
            Nudge();
        }

        return true;
    }

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

    /// <summary>A queued event: output in a pooled array (<see cref="Rented"/>, returned once written), everything
    /// else (rare) in <see cref="Text"/>.</summary>
    private readonly record struct Item(char Kind, string Text, long Timestamp, char[]? Rented = null, int RentedLength = 0)
    {
        public ReadOnlySpan<char> Chars => Rented is null ? Text : Rented.AsSpan(0, RentedLength);

        public int Length => Rented is null ? Text.Length : RentedLength;

        public void Return()
        {
            if (Rented is not null)
            {
                ArrayPool<char>.Shared.Return(Rented);
            }
        }
    }
}
