namespace Bastion.Core.Recording.Search;

/// <summary>
/// One pass over one recording: reads from where the index left off (at most <c>budgetBytes</c>), cuts output and
/// input into buckets and stores them with the new progress in one transaction. The same pass serves a live session
/// (woken by <see cref="RecordingSearchFeed"/>), a session the indexer fell behind on, and the backfill of recordings
/// made before search existed: the file is the source, so nothing depends on what stayed in memory.
/// Memory, the policy at its bound: the pass reads <see cref="BatchBytes"/> of the recording at a time and writes that
/// batch's rows into its transaction before it reads on, so the rows waiting in memory are those of one batch, not of
/// the whole pass (which a flood's collections would otherwise promote, issue 12).
/// </summary>
internal static class RecordingIndexer
{
    /// <summary>The most of a recording whose rows are held before they are written (the tail reader's chunk).</summary>
    public const long BatchBytes = 64 * 1024;

    /// <param name="rules">What of the text is left out of the index (<see cref="SearchTextFilter"/>); null: the
    /// settings' defaults, <see cref="SearchTextRules.Default"/>.</param>
    public static async Task<IndexPass> IndexAsync(
        IRecordingSearchStore store, string sessionId, string path, bool ended, long budgetBytes, bool indexInput, CancellationToken cancellationToken,
        SearchTextRules? rules = null) =>
        (await IndexAtAsync(store, sessionId, path, ended, budgetBytes, indexInput, cancellationToken, rules)).Pass;

    /// <summary><see cref="IndexAsync"/>, also telling where the index stands in the file afterwards (the byte after
    /// the last line indexed), for <see cref="LiveIndexPacer"/>'s bound on the lag.</summary>
    public static async Task<(IndexPass Pass, long Position)> IndexAtAsync(
        IRecordingSearchStore store, string sessionId, string path, bool ended, long budgetBytes, bool indexInput, CancellationToken cancellationToken,
        SearchTextRules? rules = null)
    {
        var progress = await store.LoadProgressAsync(sessionId, cancellationToken);
        if (progress is { Complete: true })
        {
            return (IndexPass.Completed, progress.Bytes);
        }

        if (!File.Exists(path))
        {
            if (ended && progress is null)
            {
                // An ended session without a recording (deleted, or never written): nothing will ever be indexed.
                return (await store.AppendAsync(sessionId, null, SearchProgress.Start with { Complete = true }, cancellationToken)
                    ? IndexPass.Completed : IndexPass.Raced, 0);
            }

            return (IndexPass.NoFile, progress?.Bytes ?? 0);
        }

        var from = progress ?? SearchProgress.Start;
        var filter = new SearchTextFilter(rules ?? SearchTextRules.Default);
        var output = new SearchBucketer('o', filter);
        var input = new SearchBucketer('i', filter);
        output.Resume(from.Output);
        input.Resume(from.Input);
        var chunks = new List<SearchChunk>();
        CastEventSink sink = (offset, kind, text) =>
        {
            if (kind == 'i' && !indexInput)
            {
                return; // typed input is indexed only when Search:IndexInput is on (passwords at no-echo prompts)
            }

            (kind == 'i' ? input : output).Add(offset, text, chunks);
        };
        var position = from.Bytes;
        CastTail tail;
        do
        {
            var before = position;
            tail = await CastTailReader.ReadAsync(path, position, Math.Min(BatchBytes, budgetBytes - (position - from.Bytes)), sink, cancellationToken);
            position = tail.NextByte;
            await AddAsync(store, sessionId, chunks, cancellationToken);
            if (position == before)
            {
                break; // only an unfinished last line is left
            }
        }
        while (!tail.AtEnd && position - from.Bytes < budgetBytes);

        // "ended" was read before the file: a session's row says ended only after its recording is complete. A last
        // line without its line break (a crash mid-write) will never be finished, so it does not hold completion up.
        var complete = ended && (tail.AtEnd || position == from.Bytes);
        SearchProgress next;
        if (complete)
        {
            output.Flush(chunks);
            input.Flush(chunks);
            next = new SearchProgress(position, true, SearchCarry.None, SearchCarry.None);
        }
        else
        {
            next = new SearchProgress(position, false, output.Close(chunks), input.Close(chunks));
        }

        await AddAsync(store, sessionId, chunks, cancellationToken);
        if (progress is not null && next == progress)
        {
            return (IndexPass.CaughtUp, next.Bytes);
        }

        if (!await store.AppendAsync(sessionId, progress?.Bytes, next, cancellationToken))
        {
            return (IndexPass.Raced, from.Bytes);
        }

        return (complete ? IndexPass.Completed : tail.AtEnd ? IndexPass.CaughtUp : IndexPass.More, next.Bytes);
    }

    private static async Task AddAsync(IRecordingSearchStore store, string sessionId, List<SearchChunk> chunks, CancellationToken cancellationToken)
    {
        chunks.Sort((a, b) => a.OffsetMs.CompareTo(b.OffsetMs));
        await store.AddAsync(sessionId, chunks, cancellationToken);
        chunks.Clear();
    }
}
