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
/// turns the queue into file lines (<see cref="AsciicastWriter"/>), feeds the command log, and flushes whenever the
/// queue runs dry or <see cref="RecordingOptions.FlushInterval"/> has passed, so nothing sits only in memory for long.
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
    private TaskCompletionSource? _room;

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
    }

    public string Path { get; }

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
        recorder._checkpoints.Start(() => recorder._queue.Writer.TryWrite(new Item('c', "", time.GetTimestamp())));
        return recorder;
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
        _queue.Writer.TryComplete();
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
        _queue.Writer.TryComplete();
        RecorderLag.Remove(this);
        await _cast.DisposeAsync();
        _checkpoints.Dispose();
    }

    private bool Enqueue(char kind, ReadOnlySpan<char> text)
    {
        // Under Wait, the queue may exceed its bound by one message: the pump then waits in WaitForRoomAsync.
        if (Interlocked.Add(ref _queuedChars, text.Length) > _options.QueueLimitChars && _options.WhenBehind != RecorderLagPolicy.Wait)
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
                return true;
            }

            ArrayPool<char>.Shared.Return(rented);
            return false;
        }

        return _queue.Writer.TryWrite(new Item(kind, text.ToString(), _time.GetTimestamp()));
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync())
            {
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

                    ReleaseRoom(force: false);
                    if (_time.GetElapsedTime(_lastFlush) >= _options.FlushInterval)
                    {
                        await FlushAsync();
                    }
                }

                await FlushAsync();
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
