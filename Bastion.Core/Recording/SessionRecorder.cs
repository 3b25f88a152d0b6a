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
internal sealed partial class SessionRecorder : ISessionTap, IQueuedChars, IAsyncDisposable
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

    /// <summary>True while the writer has drained the queue and waits for its flush or a nudge (the test seam that
    /// tells a drained writer from one still inside its pass).</summary>
    internal bool IsLingering => Volatile.Read(ref _nudge) is not null;

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

        if (!TryQueue(kind, text))
        {
            return false;
        }

        if (wake)
        {
            Nudge();
        }

        return true;
    }

    /// <summary>Puts one event in the queue; false once the queue is completed (the session is ending).</summary>
    private bool TryQueue(char kind, ReadOnlySpan<char> text)
    {
        if (kind != 'o')
        {
            return _queue.Writer.TryWrite(new Item(kind, text.ToString(), _time.GetTimestamp()));
        }

        // Output is the relay's hot path (issue 12): its text is copied into a pooled array the writer returns, not
        // into a string per batch.
        var rented = ArrayPool<char>.Shared.Rent(text.Length);
        text.CopyTo(rented);
        if (_queue.Writer.TryWrite(new Item(kind, "", _time.GetTimestamp(), rented, text.Length)))
        {
            return true;
        }

        ArrayPool<char>.Shared.Return(rented);
        return false;
    }
}
