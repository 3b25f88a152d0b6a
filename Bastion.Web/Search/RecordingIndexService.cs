using Bastion.Core.Recording;
using Bastion.Core.Recording.Search;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Search;

/// <summary>
/// Keeps the search index up with the recordings: wakes when a recorder flushed (<see cref="RecordingSearchFeed"/>)
/// and indexes what those sessions added; every <see cref="RecordingSearchOptions.SweepInterval"/> (sooner while there
/// is a backlog) it takes the sessions not completely indexed, newest first, one bounded pass each (sessions that
/// ended, recordings from before search). Progress is stored with each pass, so a restart resumes where it stopped.
/// While a live recording streams faster than it is indexed, its passes keep to <see cref="RecordingSearchOptions.LiveShare"/>
/// of the indexer's time (<see cref="LiveIndexPacer"/>), so a flood's index does not take the relay's CPU.
/// </summary>
internal sealed partial class RecordingIndexService(
    RecordingSearchFeed feed, IServiceScopeFactory scopes, RecordingOptionsAccessor recordings, IOptions<RecordingSearchOptions> options,
    TimeProvider time, ILogger<RecordingIndexService> logger) : BackgroundService
{
    private static readonly TimeSpan BacklogPause = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        await PrepareAsync(stoppingToken);
        var pacer = new LiveIndexPacer(settings.LiveShare, settings.LiveLagBytes, time);
        // Live sessions with more to index: from the feed, and those whose pass ran out of budget or is held back.
        var live = new Dictionary<string, string>(StringComparer.Ordinal);
        var nextSweep = time.GetTimestamp();
        var sweepEvery = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = sweepEvery - time.GetElapsedTime(nextSweep);
            if (live.Count > 0 && (live.Keys.Any(id => !pacer.Holds(id)) ? TimeSpan.Zero : pacer.NextDue(live.Keys)) is { } due && due < wait)
            {
                wait = due;
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await feed.WaitAsync(wait, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            foreach (var (sessionId, path) in feed.Take())
            {
                live[sessionId] = path;
            }

            foreach (var (sessionId, path) in live.ToList())
            {
                // A live session: one pass, unless the pace holds it back; if its budget ran out, it goes round again
                // after the others.
                if (await LivePassAsync(pacer, sessionId, path, ended: false, stoppingToken) is not (IndexPass.More or IndexPass.Held))
                {
                    live.Remove(sessionId);
                }
            }

            if (time.GetElapsedTime(nextSweep) >= sweepEvery)
            {
                var backlog = await SweepAsync(settings, pacer, stoppingToken);
                nextSweep = time.GetTimestamp();
                sweepEvery = backlog ? BacklogPause : settings.SweepInterval;
            }
        }
    }

    /// <summary>One pass over each pending session; true if work is left.</summary>
    private async Task<bool> SweepAsync(RecordingSearchOptions settings, LiveIndexPacer pacer, CancellationToken stoppingToken)
    {
        IReadOnlyList<SessionToIndex> pending;
        int purged;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IRecordingSearchStore>();
            // What retention deleted with its recording is not searchable either.
            purged = await store.PurgeOrphansAsync(settings.SweepBatch, stoppingToken);
            pending = await store.PendingAsync(settings.SweepBatch, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogSweepFailed(ex);
            return false;
        }

        var more = false;
        var completed = false;
        foreach (var session in pending)
        {
            var path = recordings.PathOf(session.RecordingFile);
            if (path is null)
            {
                continue;
            }

            // Running sessions are the feed's; files of sessions on other nodes are not here (NoFile) and wait.
            var pass = await LivePassAsync(pacer, session.SessionId, path, session.Ended, stoppingToken);
            more |= pass == IndexPass.More;
            completed |= pass == IndexPass.Completed;
        }

        // A full batch that completed some may hide more behind it; sessions that cannot progress do not count.
        return more || purged == settings.SweepBatch || (completed && pending.Count == settings.SweepBatch);
    }

    /// <summary>The engine's settings for the index; a failure is logged and indexing goes on with what is set.</summary>
    private async Task PrepareAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IRecordingSearchStore>().PrepareAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogPrepareFailed(ex);
        }
    }

    /// <summary>A pass over a session's recording, held back by the pace while that live recording streams
    /// (<see cref="LiveIndexPacer"/>: <see cref="IndexPass.Held"/> then, without a pass; an ended session is never held
    /// back). Null: the pass failed.</summary>
    private async Task<IndexPass?> LivePassAsync(LiveIndexPacer pacer, string sessionId, string path, bool ended, CancellationToken stoppingToken)
    {
        if (ended)
        {
            pacer.Forget(sessionId);
            return (await PassAsync(sessionId, path, ended, stoppingToken))?.Pass;
        }

        var before = LengthOf(path);
        if (!pacer.MayPass(sessionId, before))
        {
            return IndexPass.Held;
        }

        var started = time.GetTimestamp();
        var pass = await PassAsync(sessionId, path, ended, stoppingToken);
        pacer.Passed(sessionId, pass?.Pass, time.GetElapsedTime(started), pass?.Position ?? 0, before, LengthOf(path));
        return pass?.Pass;
    }

    private static long LengthOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private async Task<(IndexPass Pass, long Position)?> PassAsync(string sessionId, string path, bool ended, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IRecordingSearchStore>();
            var settings = options.Value;
            return await RecordingIndexer.IndexAtAsync(
                store, sessionId, path, ended, settings.PassBytes, settings.IndexInput, stoppingToken,
                new SearchTextRules(settings.SkipHighEntropyTokens, settings.SkipRepeatedLines));
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The database or the file failed this time; the progress is unchanged and the next pass retries.
            LogPassFailed(ex, sessionId);
            return null;
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Indexing the recording of session {SessionId} for search failed; it is retried")]
    private partial void LogPassFailed(Exception exception, string sessionId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Looking for recordings to index for search failed; it is retried")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Applying the search index's settings failed; indexing goes on without them")]
    private partial void LogPrepareFailed(Exception exception);
}
