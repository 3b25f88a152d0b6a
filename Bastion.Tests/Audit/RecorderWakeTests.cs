using Bastion.Core.Recording;
using Bastion.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Audit;

/// <summary>
/// The recorder's writer while output streams (issue 12): woken once per flush interval, not once per batch, and so
/// told the search index once per interval; woken sooner only when the queue asks for it (its wake mark, a checkpoint,
/// the session's end), and nothing queued is lost at the end. On a <see cref="FakeTimeProvider"/>: the counts, never
/// a duration, are asserted.
/// </summary>
public sealed class RecorderWakeTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recorder-wake-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly List<RecordingCheckpoint> _checkpoints = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WhileOutputStreams_TheWriterWakesOncePerFlushInterval_NotPerBatch()
    {
        await using var recorder = await StartAsync(new RecordingOptions { FlushInterval = TimeSpan.FromSeconds(1) });
        var flushes = 0;
        recorder.Flushed.Arm(() => Interlocked.Increment(ref flushes));
        for (var i = 0; i < 100; i++)
        {
            recorder.OnOutput($"batch {i}\r\n");
            await Task.Delay(5); // room for a writer woken per batch to run (as it was before): it would wake 100 times
        }

        Assert.InRange(recorder.WriterWakes, 1, 2);
        Assert.Equal(0, Volatile.Read(ref flushes));

        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => recorder.QueuedChars == 0 && Volatile.Read(ref flushes) == 1);
        Assert.InRange(recorder.WriterWakes, 2, 3);

        var summary = await recorder.CompleteAsync().WithTimeout();
        Assert.False(summary.Failed);
        var text = await File.ReadAllTextAsync(recorder.Path);
        Assert.Contains("batch 0\\r\\n", text, StringComparison.Ordinal);
        Assert.Contains("batch 99\\r\\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutputPastTheWakeMark_WakesTheWriter_BeforeItsFlushIsDue()
    {
        await using var recorder = await StartAsync(new RecordingOptions { FlushInterval = TimeSpan.FromHours(1) });
        recorder.OnOutput("first\r\n");
        // Lingering, not merely woken: a writer still inside its first pass would take the first half too, and the
        // second half alone would then not cross the mark (the test waited forever on a loaded machine).
        await WaitUntilAsync(() => recorder.WriterWakes == 1 && recorder.QueuedChars == 0 && recorder.IsLingering);

        // Half the mark waits for the flush; the event that crosses the mark wakes the writer (fake time stands still).
        var half = new string('x', SessionRecorder.WakeCharsLimit / 2);
        recorder.OnOutput(half);
        await Task.Delay(50);
        Assert.Equal(1, recorder.WriterWakes);
        recorder.OnOutput(half);
        await WaitUntilAsync(() => recorder.QueuedChars == 0);
        Assert.Equal(2, recorder.WriterWakes);
    }

    [Fact]
    public async Task TheEnd_WritesWhatIsQueued_WithoutWaitingForTheFlush()
    {
        await using var recorder = await StartAsync(new RecordingOptions { FlushInterval = TimeSpan.FromHours(1) });
        recorder.OnOutput("one\r\n");
        await WaitUntilAsync(() => recorder.WriterWakes == 1);
        recorder.OnOutput("last words\r\n");

        var summary = await recorder.CompleteAsync().WithTimeout();

        Assert.False(summary.Failed);
        Assert.Contains("last words", await File.ReadAllTextAsync(recorder.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckpoint_WakesTheWriter_AndCoversWhatWasQueuedBeforeIt()
    {
        await using var recorder = await StartAsync(new RecordingOptions
        {
            FlushInterval = TimeSpan.FromHours(1),
            CheckpointInterval = TimeSpan.FromSeconds(5),
        });
        recorder.OnOutput("one\r\n");
        await WaitUntilAsync(() => recorder.WriterWakes == 1);
        recorder.OnOutput("two\r\n");

        _time.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => { lock (_checkpoints) { return _checkpoints.Count == 1; } });

        var bytes = new FileInfo(recorder.Path).Length;
        Assert.Equal(bytes, _checkpoints[0].Bytes);
        Assert.Contains("two", await File.ReadAllTextAsync(recorder.Path), StringComparison.Ordinal);
    }

    private Task<SessionRecorder> StartAsync(RecordingOptions options)
    {
        if (options.CheckpointInterval == new RecordingOptions().CheckpointInterval)
        {
            options.CheckpointInterval = TimeSpan.FromDays(1);
        }

        return SessionRecorder.StartAsync(
            Path.Combine(_dir, $"{Guid.NewGuid():N}.cast"), 80, 24, "wake", recordInput: false, options, _time,
            _ => Task.CompletedTask,
            c =>
            {
                lock (_checkpoints)
                {
                    _checkpoints.Add(c);
                }

                return Task.CompletedTask;
            },
            CancellationToken.None).WithTimeout();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
