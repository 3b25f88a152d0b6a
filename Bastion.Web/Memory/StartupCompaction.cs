using Microsoft.Extensions.Options;

namespace Bastion.Web.Memory;

/// <summary>
/// Compacts the heaps once, <see cref="MemoryOptions.CompactAfterStart"/> after the application started (issue 12:
/// idle memory). Start-up allocates far more than an idle service keeps (migrations and their models on a first start,
/// the schema check, the first admin, the Data Protection key ring, the recordings' index backfill); the GC keeps that
/// memory committed and glibc keeps the freed native pages, so an idle service would hold them until load came. One
/// aggressive, blocking, compacting collection (it decommits what it frees) and <c>malloc_trim</c> give them back.
/// Measured in docs/PERFORMANCE.md ("Issue 12: idle and per-session memory, session 6").
/// </summary>
internal sealed partial class StartupCompaction(
    IOptions<MemoryOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<StartupCompaction> logger) : BackgroundService
{
    private readonly TaskCompletionSource<CompactionResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the one compaction did; never completes when it is off or the service stopped first.</summary>
    public Task<CompactionResult> Completion => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var after = options.Value.CompactAfterStart;
        if (after <= TimeSpan.Zero)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try
            {
                await started.Task.WaitAsync(stoppingToken);
                await Task.Delay(after, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }

        var result = Compact();
        LogCompacted(logger, result.CommittedBefore / 1024, result.CommittedAfter / 1024, result.NativeTrimmed);
        _done.TrySetResult(result);
    }

    /// <summary>One aggressive full collection (compacting, blocking, decommitting), then the native heap trimmed.</summary>
    public static CompactionResult Compact()
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes; // as of the last collection, whichever it was
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return new CompactionResult(before, after.TotalCommittedBytes, after.Index, after.Generation, after.Compacted, NativeHeap.Trim());
    }

    [LoggerMessage(EventId = 1950, Level = LogLevel.Debug, Message = "Heaps compacted after start: GC committed {BeforeKb} KiB at the collection before, {AfterKb} KiB after, native heap trimmed: {Trimmed}")]
    private static partial void LogCompacted(ILogger logger, long beforeKb, long afterKb, bool trimmed);
}
