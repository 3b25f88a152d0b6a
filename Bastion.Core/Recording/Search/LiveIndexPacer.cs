namespace Bastion.Core.Recording.Search;

/// <summary>
/// Live indexing yields to the relay while a recording streams (issue 12). Indexing a MB of recording costs more CPU
/// than relaying it (FTS5 sorts and writes every new term: docs/PERFORMANCE.md, session 6), so a flood indexed back to
/// back took a core from the relay on a small machine. After a pass that used its whole budget (<see cref="IndexPass.More"/>)
/// of a recording that grew while the pass ran (output is streaming), that recording's next pass waits so the indexer
/// keeps to <see cref="RecordingSearchOptions.LiveShare"/> of its time: a pass that took <c>t</c> is followed by
/// <c>t × (1 − share) / share</c> of rest. Passes run back to back as before once a pass finds that the recording did
/// not grow while it ran (the output calmed: the catch-up), when the session ends, and while the part not yet indexed
/// exceeds <see cref="RecordingSearchOptions.LiveLagBytes"/> (the bound on the lag: the pace never lets the index fall
/// further behind than that).
/// Nothing is lost or read twice by waiting: the progress is in the database and the next pass starts there.
/// Memory: one entry per paced session (removed when it catches up, ends or calms). Not thread-safe: the index
/// service's loop is its only caller.
/// </summary>
internal sealed class LiveIndexPacer(double share, long maxLagBytes, TimeProvider time)
{
    private readonly Dictionary<string, Hold> _paced = new(StringComparer.Ordinal);

    /// <summary>Sessions whose next pass is held back now.</summary>
    public int Paced => _paced.Count;

    /// <summary>Whether a pass over the live recording of <paramref name="sessionId"/> may run now, given the file's
    /// current length.</summary>
    public bool MayPass(string sessionId, long fileLength)
    {
        if (!_paced.TryGetValue(sessionId, out var paced))
        {
            return true;
        }

        if (fileLength - paced.Position > maxLagBytes || time.GetTimestamp() >= paced.NotBefore)
        {
            _paced.Remove(sessionId);
            return true;
        }

        return false;
    }

    /// <summary>What a pass over a live recording did: <paramref name="took"/> its duration, <paramref name="position"/>
    /// where the index now stands in the file, <paramref name="lengthBefore"/> and <paramref name="lengthAfter"/> the
    /// file's length when the pass began and when it ended.</summary>
    public void Passed(string sessionId, IndexPass? pass, TimeSpan took, long position, long lengthBefore, long lengthAfter)
    {
        if (pass != IndexPass.More || share >= 1 || lengthAfter <= lengthBefore || lengthAfter - position > maxLagBytes)
        {
            _paced.Remove(sessionId);
            return;
        }

        var rest = took * ((1 - share) / share);
        _paced[sessionId] = new Hold(time.GetTimestamp() + (long)(rest.TotalSeconds * time.TimestampFrequency), position);
    }

    /// <summary>Whether the next pass over <paramref name="sessionId"/> is held back (until <see cref="NextDue"/> at most).</summary>
    public bool Holds(string sessionId) => _paced.ContainsKey(sessionId);

    /// <summary>How long until the first held-back pass of <paramref name="sessionIds"/> may run (<see cref="TimeSpan.Zero"/>
    /// if one may now), or null when none of them is held back. Only the sessions the caller will pass over count: a
    /// hold on another (a sweep's) must not make the caller's loop spin until it is due.</summary>
    public TimeSpan? NextDue(IEnumerable<string> sessionIds)
    {
        long? first = null;
        foreach (var id in sessionIds)
        {
            if (_paced.TryGetValue(id, out var hold) && (first is null || hold.NotBefore < first))
            {
                first = hold.NotBefore;
            }
        }

        if (first is null)
        {
            return null;
        }

        var now = time.GetTimestamp();
        return first <= now ? TimeSpan.Zero : time.GetElapsedTime(now, first.Value);
    }

    /// <summary>Forgets a session (it ended, or its pass failed).</summary>
    public void Forget(string sessionId) => _paced.Remove(sessionId);

    private readonly record struct Hold(long NotBefore, long Position);
}
