namespace Bastion.Core.Recording.Search;

/// <summary>
/// One pass over one recording: reads from where the index left off (at most <c>budgetBytes</c>), cuts output and
/// input into buckets and stores them with the new progress in one transaction. The same pass serves a live session
/// (woken by <see cref="RecordingSearchFeed"/>), a session the indexer fell behind on, and the backfill of recordings
/// made before search existed: the file is the source, so nothing depends on what stayed in memory.
/// </summary>
internal static class RecordingIndexer
{
    public static async Task<IndexPass> IndexAsync(
        IRecordingSearchStore store, string sessionId, string path, bool ended, long budgetBytes, bool indexInput, CancellationToken cancellationToken)
    {
        var progress = await store.LoadProgressAsync(sessionId, cancellationToken);
        if (progress is { Complete: true })
        {
            return IndexPass.Completed;
        }

        if (!File.Exists(path))
        {
            if (ended && progress is null)
            {
                // An ended session without a recording (deleted, or never written): nothing will ever be indexed.
                return await store.AppendAsync(sessionId, null, [], SearchProgress.Start with { Complete = true }, cancellationToken)
                    ? IndexPass.Completed : IndexPass.Raced;
            }

            return IndexPass.NoFile;
        }

        var from = progress ?? SearchProgress.Start;
        var output = new SearchBucketer('o');
        var input = new SearchBucketer('i');
        output.Resume(from.Output);
        input.Resume(from.Input);
        var chunks = new List<SearchChunk>();
        var tail = await CastTailReader.ReadAsync(path, from.Bytes, budgetBytes, (offset, kind, text) =>
        {
            if (kind == 'i' && !indexInput)
            {
                return; // typed input is indexed only when Search:IndexInput is on (passwords at no-echo prompts)
            }

            (kind == 'i' ? input : output).Add(offset, text, chunks);
        }, cancellationToken);

        // "ended" was read before the file: a session's row says ended only after its recording is complete. A last
        // line without its line break (a crash mid-write) will never be finished, so it does not hold completion up.
        var complete = ended && (tail.AtEnd || tail.NextByte == from.Bytes);
        SearchProgress next;
        if (complete)
        {
            output.Flush(chunks);
            input.Flush(chunks);
            next = new SearchProgress(tail.NextByte, true, SearchCarry.None, SearchCarry.None);
        }
        else
        {
            next = new SearchProgress(tail.NextByte, false, output.Close(chunks), input.Close(chunks));
        }

        if (progress is not null && next == progress)
        {
            return IndexPass.CaughtUp;
        }

        chunks.Sort((a, b) => a.OffsetMs.CompareTo(b.OffsetMs));
        if (!await store.AppendAsync(sessionId, progress?.Bytes, chunks, next, cancellationToken))
        {
            return IndexPass.Raced;
        }

        return complete ? IndexPass.Completed : tail.AtEnd ? IndexPass.CaughtUp : IndexPass.More;
    }
}
