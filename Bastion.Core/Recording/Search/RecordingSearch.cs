namespace Bastion.Core.Recording.Search;

/// <summary>Runs a checked search against the index and shapes its hits (offset in seconds, snippet).</summary>
internal sealed class RecordingSearch(IRecordingSearchStore store)
{
    public const int MaxTake = 200;

    public const int MaxSkip = 10_000;

    public async Task<SearchResult> SearchAsync(SearchFilter filter, CancellationToken cancellationToken)
    {
        var rows = await store.SearchAsync(filter, cancellationToken);
        var hits = rows.Take(filter.Take).Select(r => new SearchHit(
            r.SessionId, r.UserName, r.HostName, r.HostId, DateTimeOffset.FromUnixTimeMilliseconds(r.StartedMs),
            r.OffsetMs / 1000.0, r.Kind == 'i' ? "input" : "output", SearchSnippet.Build(r.Text, filter.Terms))).ToList();
        return new SearchResult(hits, rows.Count > filter.Take ? filter.Skip + filter.Take : null);
    }
}
