using System.Collections.Concurrent;

namespace Bastion.Core.Telemetry;

/// <summary>The running recorders, so <c>bastion.recorder.queued</c> can sum their queues when it is read (exact,
/// with nothing to drift, and no cost on the recorder's path).</summary>
internal static class RecorderLag
{
    private static readonly ConcurrentDictionary<IQueuedChars, byte> Running = new();

    public static void Add(IQueuedChars recorder) => Running.TryAdd(recorder, 0);

    public static void Remove(IQueuedChars recorder) => Running.TryRemove(recorder, out _);

    public static long QueuedChars()
    {
        long sum = 0;
        foreach (var recorder in Running.Keys)
        {
            sum += recorder.QueuedChars;
        }

        return sum;
    }
}
