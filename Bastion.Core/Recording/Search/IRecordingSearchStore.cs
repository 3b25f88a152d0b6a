namespace Bastion.Core.Recording.Search;

/// <summary>The search index in the database: SQLite FTS5 or PostgreSQL full-text search (tables made by the
/// <c>RecordingSearch</c> migration of each provider; docs/AUDIT.md).</summary>
internal interface IRecordingSearchStore : IAsyncDisposable
{
    /// <summary>Applies the engine's settings for the index (idempotent; the index service calls it when it starts).</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    Task<SearchProgress?> LoadProgressAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Adds rows to the pass's transaction (begun by the first rows): a pass writes its rows a bounded batch at
    /// a time as it cuts them, so they are not all held in memory until it ends (issue 12). Nothing is visible to search
    /// until <see cref="AppendAsync"/> commits, and nothing stays if it does not.</summary>
    Task AddAsync(string sessionId, IReadOnlyList<SearchChunk> chunks, CancellationToken cancellationToken);

    /// <summary>Moves the progress from <paramref name="expectedBytes"/> to <paramref name="progress"/> and commits it
    /// with the rows added since the pass began, if nobody else moved it first (another pass, another node): false then,
    /// and the pass's rows are rolled back, so a recording is never indexed twice.</summary>
    Task<bool> AppendAsync(string sessionId, long? expectedBytes, SearchProgress progress, CancellationToken cancellationToken);

    /// <summary>Sessions whose recording is not completely indexed, newest first.</summary>
    Task<IReadOnlyList<SessionToIndex>> PendingAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Deletes the rows of sessions that no longer exist (audit retention removed them with their
    /// recordings), at most <paramref name="limit"/> sessions; returns how many.</summary>
    Task<int> PurgeOrphansAsync(int limit, CancellationToken cancellationToken);

    /// <summary>One more row than <see cref="SearchFilter.Take"/> when there are more.</summary>
    Task<IReadOnlyList<SearchRow>> SearchAsync(SearchFilter filter, CancellationToken cancellationToken);
}
