namespace Bastion.Core.Recording;

/// <summary>
/// A recorder's checkpoints into the audit chain. Every <see cref="RecordingOptions.CheckpointInterval"/> it asks the
/// recorder to queue one (so the writer takes it in order with the events); when the writer reaches it,
/// <see cref="TakeAsync"/> flushes and reports the hash of exactly the lines written before it, unless nothing was
/// written since the last checkpoint (an idle session adds nothing to the chain).
/// </summary>
internal sealed class RecordingCheckpointer(TimeSpan interval, TimeProvider time, Func<RecordingCheckpoint, Task> onCheckpoint) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _timer;
    private long _checkpointedBytes;

    /// <summary>Starts the timer; <paramref name="queue"/> queues a checkpoint, false when the recorder is closed.</summary>
    public void Start(Func<bool> queue) => _timer = RunAsync(queue);

    /// <summary>Stops the timer and waits for it; a checkpoint already queued is still taken.</summary>
    public async Task StopAsync()
    {
        if (_timer is null)
        {
            return;
        }

        await _stop.CancelAsync();
        await _timer;
        _timer = null;
    }

    /// <summary>On the writer: flushes (through <paramref name="flush"/>) and reports the recording so far.</summary>
    public async Task TakeAsync(AsciicastWriter cast, Func<Task> flush, double offset)
    {
        if (cast.Written == _checkpointedBytes)
        {
            return;
        }

        await flush();
        _checkpointedBytes = cast.Written;
        await onCheckpoint(new RecordingCheckpoint(cast.Written, cast.CurrentSha256(), offset));
    }

    public void Dispose() => _stop.Dispose();

    private async Task RunAsync(Func<bool> queue)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!queue())
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
