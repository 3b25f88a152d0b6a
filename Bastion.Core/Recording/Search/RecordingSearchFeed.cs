using System.Collections.Concurrent;

namespace Bastion.Core.Recording.Search;

/// <summary>
/// The recorder's hook into search: after each flush a recorder says "this session's recording grew" and returns at
/// once (a set entry and a signal: no text is copied, so the recorder and the relay never wait for the index). The
/// indexer then reads the new lines from the file. Memory: one entry per running session, whatever the output rate;
/// an indexer that falls behind simply reads more lines on its next pass.
/// </summary>
internal sealed class RecordingSearchFeed : IDisposable
{
    private readonly ConcurrentDictionary<string, string> _grown = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Called by the recorder's writer after a flush; never blocks.</summary>
    public void Grew(string sessionId, string path)
    {
        _grown[sessionId] = path;
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another flush signalled first: the indexer is awake either way.
            }
        }
    }

    /// <summary>Waits until a recording grew or <paramref name="timeout"/> passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>The sessions that grew since the last call, with their recordings' paths.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Take()
    {
        var taken = new List<KeyValuePair<string, string>>();
        foreach (var key in _grown.Keys)
        {
            if (_grown.TryRemove(key, out var path))
            {
                taken.Add(new(key, path));
            }
        }

        return taken;
    }

    public void Dispose() => _signal.Dispose();
}
