using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using Bastion.Core.Audit;
using Bastion.Core.Telemetry;
using Bastion.Core.Terminal;

namespace Bastion.Core.Recording;

/// <summary>
/// Records one session as asciicast v2. The relay's pumps call the <see cref="ISessionTap"/> methods: they copy the
/// text into a queue bounded by <see cref="RecordingOptions.QueueLimitChars"/> and return at once; one writer task
/// turns the queue into file lines, feeds the command log, and flushes whenever the queue runs dry or
/// <see cref="RecordingOptions.FlushInterval"/> has passed, so nothing sits only in memory for long.
/// </summary>
internal sealed partial class SessionRecorder : ISessionTap, IAsyncDisposable
{
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RecordingOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _recordInput;
    private readonly Func<RecordedCommand, Task> _onCommand;
    private readonly Func<RecordingCheckpoint, Task> _onCheckpoint;
    private readonly CancellationTokenSource _stopCheckpoints = new();
    private Task? _checkpointTimer;
    private long _checkpointedBytes;
    private readonly CommandLineTracker _commands;
    private readonly FileStream _file;

    // Hashed as written, so ending a session does not read the whole recording back (up to Recording:MaxBytes).
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _written;
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly long _start;
    private Task? _writer;
    private long _queuedChars;
    private long _droppedChars;
    private long _skippedChars;
    private volatile bool _failed;
    private bool _capMarked;
    private long _lastFlush;
    private readonly Lock _roomLock = new();
    private TaskCompletionSource? _room;

    private SessionRecorder(
        string path, RecordingOptions options, TimeProvider time, bool recordInput, Func<RecordedCommand, Task> onCommand, Func<RecordingCheckpoint, Task> onCheckpoint)
    {
        _onCheckpoint = onCheckpoint;
        Path = path;
        _options = options;
        _time = time;
        _recordInput = recordInput;
        _onCommand = onCommand;
        _commands = new CommandLineTracker(fromInput: recordInput);
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 16 * 1024); // held per session (issue 12); a flood's lines are larger and written through
        // Relaxed escaping: the file is JSON for players, never embedded in HTML, and this writer is the recorder's
        // hot path (control characters are still escaped as JSON requires).
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        _start = time.GetTimestamp();
        _lastFlush = _start;
    }

    public string Path { get; }

    /// <summary>Told after each flush that the file grew (the search index's hook, <c>Recording/Search</c>). Runs on
    /// the writer, never on the relay; it must return at once.</summary>
    public Action? Flushed { get; set; }

    /// <summary>Characters taken but not yet written (the recorder's lag), for <see cref="RecorderLag"/>.</summary>
    internal long QueuedChars => Interlocked.Read(ref _queuedChars);

    /// <summary>Creates the file, writes the header and starts the writer.</summary>
    public static async Task<SessionRecorder> StartAsync(
        string path, int cols, int rows, string title, bool recordInput, RecordingOptions options, TimeProvider time,
        Func<RecordedCommand, Task> onCommand, Func<RecordingCheckpoint, Task> onCheckpoint, CancellationToken cancellationToken)
    {
        var recorder = new SessionRecorder(path, options, time, recordInput, onCommand, onCheckpoint);
        recorder._commands.Columns = cols;
        try
        {
            recorder._json.WriteStartObject();
            recorder._json.WriteNumber("version", 2);
            recorder._json.WriteNumber("width", cols);
            recorder._json.WriteNumber("height", rows);
            recorder._json.WriteNumber("timestamp", time.GetUtcNow().ToUnixTimeSeconds());
            recorder._json.WriteString("title", TextSafety.ReplaceLoneSurrogates(title));
            recorder._json.WriteStartObject("env");
            recorder._json.WriteString("TERM", "xterm-256color");
            recorder._json.WriteEndObject();
            recorder._json.WriteEndObject();
            recorder.EndLine();
            await recorder._file.FlushAsync(cancellationToken);
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
        recorder._checkpointTimer = recorder.CheckpointTimerAsync();
        return recorder;
    }

    public bool OnOutput(ReadOnlySpan<char> text)
    {
        if (_failed)
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
            if (Interlocked.Read(ref _queuedChars) <= _options.QueueLimitChars || _failed)
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
        await StopCheckpointsAsync();
        _queue.Writer.TryComplete();
        RecorderLag.Remove(this);
        if (_writer is not null)
        {
            await _writer;
        }

        try
        {
            await _file.DisposeAsync();
        }
        catch (IOException ex)
        {
            // The last buffered lines could not be written (a full disk): the file is closed without them.
            Fail(StorageFaults.IsStorageFull(ex) ? RecorderFailure.StorageFull : RecorderFailure.WriteFailed);
        }

        string? sha = null;
        long bytes = 0;
        if (!_failed)
        {
            sha = Convert.ToHexStringLower(_hash.GetHashAndReset());
            bytes = _written;
        }
        else
        {
            // After a write error what reached the disk may differ from what was written: hash the file itself.
            try
            {
                await using var read = File.OpenRead(Path);
                bytes = read.Length;
                sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(read));
            }
            catch (IOException)
            {
            }
        }

        _hash.Dispose();

        return new RecordingSummary(sha, bytes, _skippedChars + Interlocked.Read(ref _droppedChars), _failed, Failure);
    }

    public async ValueTask DisposeAsync()
    {
        await StopCheckpointsAsync();
        _queue.Writer.TryComplete();
        RecorderLag.Remove(this);
        try
        {
            await _file.DisposeAsync();
        }
        catch (IOException)
        {
            // Only a refused or abandoned recording is disposed this way; its unwritten buffer is not evidence.
        }

        await _json.DisposeAsync();
        _hash.Dispose();
        _stopCheckpoints.Dispose();
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
                Fail(RecorderFailure.FellBehind);
            }

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
                    Interlocked.Add(ref _queuedChars, -item.Text.Length);
                    await WriteAsync(item);
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
                WriteEvent(_time.GetElapsedTime(_start).TotalSeconds, 'm', $"recorder fell behind: {dropped} characters were not recorded");
                _skippedChars += dropped;
                await FlushAsync();
            }
        }
        catch (Exception ex) when (!_failed)
        {
            // A disk error: stop recording and make the next output end the session (fail closed). A full disk is its
            // own outcome (issue 13), told by the error's value.
            Fail(StorageFaults.IsStorageFull(ex) ? RecorderFailure.StorageFull : RecorderFailure.WriteFailed);
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
            WriteEvent(offset, 'm', $"recorder fell behind: {dropped} characters were not recorded");
            _skippedChars += dropped;
        }

        switch (item.Kind)
        {
            case 'o':
                foreach (var line in _commands.OnOutput(item.Text))
                {
                    await _onCommand(new RecordedCommand(line, offset));
                }

                if (_file.Position >= _options.MaxBytes)
                {
                    _skippedChars += item.Text.Length;
                    if (!_capMarked)
                    {
                        _capMarked = true;
                        WriteEvent(offset, 'm', "recording size cap reached: further output is relayed but not recorded");
                    }

                    return;
                }

                WriteEvent(offset, 'o', item.Text);
                break;
            case 'i':
                foreach (var line in _commands.OnInput(item.Text))
                {
                    await _onCommand(new RecordedCommand(line, offset));
                }

                if (_recordInput && !_capMarked)
                {
                    WriteEvent(offset, 'i', item.Text);
                }

                break;
            case 'c':
                await CheckpointAsync(offset);
                break;
            default:
                _commands.OnResize(item.Text);
                WriteEvent(offset, 'r', item.Text);
                break;
        }
    }

    private void WriteEvent(double offset, char kind, string text)
    {
        _json.WriteStartArray();
        _json.WriteRawValue(offset.ToString("0.000000", CultureInfo.InvariantCulture));
        _json.WriteStringValue(kind.ToString());
        _json.WriteStringValue(TextSafety.ReplaceLoneSurrogates(text));
        _json.WriteEndArray();
        EndLine();
    }

    private void EndLine()
    {
        _json.Flush();
        _line.Write("\n"u8);
        _file.Write(_line.WrittenSpan);
        _hash.AppendData(_line.WrittenSpan);
        _written += _line.WrittenCount;
        BastionInstruments.RecorderBytes.Add(_line.WrittenCount);
        _line.ResetWrittenCount();
        _json.Reset(_line);
    }

    /// <summary>Queues a checkpoint every <see cref="RecordingOptions.CheckpointInterval"/>; the writer takes it in
    /// order with the events, so the hash it reports is of exactly the lines written before it.</summary>
    private async Task CheckpointTimerAsync()
    {
        using var timer = new PeriodicTimer(_options.CheckpointInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopCheckpoints.Token))
            {
                if (!_queue.Writer.TryWrite(new Item('c', "", _time.GetTimestamp())))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task StopCheckpointsAsync()
    {
        if (_checkpointTimer is null)
        {
            return;
        }

        await _stopCheckpoints.CancelAsync();
        await _checkpointTimer;
        _checkpointTimer = null;
    }

    /// <summary>Flushes what is written and reports the hash of the recording so far, unless nothing was written since
    /// the last checkpoint (an idle session adds nothing to the chain).</summary>
    private async Task CheckpointAsync(double offset)
    {
        if (_written == _checkpointedBytes)
        {
            return;
        }

        await FlushAsync();
        _checkpointedBytes = _written;
        var sha = Convert.ToHexStringLower(_hash.GetCurrentHash());
        await _onCheckpoint(new RecordingCheckpoint(_written, sha, offset));
    }

    private async Task FlushAsync()
    {
        await _file.FlushAsync();
        _lastFlush = _time.GetTimestamp();
        Flushed?.Invoke();
    }

    private readonly record struct Item(char Kind, string Text, long Timestamp);
}
