using Bastion.Core.Recording.Search;

namespace Bastion.Tests.Search;

/// <summary>A hand-written store for unit tests of a pass: keeps progress and rows in memory, counts the largest batch
/// of rows a pass handed over at once, and commits a pass's rows only with its progress.</summary>
internal sealed class BatchRecordingSearchStore : IRecordingSearchStore
{
    private readonly List<SearchChunk> _pending = [];
    private SearchProgress? _progress;

    public List<SearchChunk> Committed { get; } = [];

    /// <summary>The most characters of row text one <see cref="AddAsync"/> carried.</summary>
    public long LargestBatchChars { get; private set; }

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<SearchProgress?> LoadProgressAsync(string sessionId, CancellationToken cancellationToken) => Task.FromResult(_progress);

    public Task AddAsync(string sessionId, IReadOnlyList<SearchChunk> chunks, CancellationToken cancellationToken)
    {
        LargestBatchChars = Math.Max(LargestBatchChars, chunks.Sum(c => (long)c.Text.Length));
        _pending.AddRange(chunks);
        return Task.CompletedTask;
    }

    public Task<bool> AppendAsync(string sessionId, long? expectedBytes, SearchProgress progress, CancellationToken cancellationToken)
    {
        if (_progress?.Bytes != expectedBytes)
        {
            _pending.Clear();
            return Task.FromResult(false);
        }

        Committed.AddRange(_pending);
        _pending.Clear();
        _progress = progress;
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<SessionToIndex>> PendingAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SessionToIndex>>([]);

    public Task<int> PurgeOrphansAsync(int limit, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<IReadOnlyList<SearchRow>> SearchAsync(SearchFilter filter, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SearchRow>>([]);

    public ValueTask DisposeAsync()
    {
        _pending.Clear();
        return ValueTask.CompletedTask;
    }
}
