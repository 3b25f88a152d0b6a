namespace Bastion.Core.Recording;

/// <summary>
/// An index beside a recording (<c>&lt;name&gt;.cast.idx</c>) so a player can open a long recording without reading
/// all of it: keyframes at line starts about every <see cref="RecordingIndexBuilder.KeyframeBytes"/> bytes, each with
/// the real time of its first event and the terminal state a replay needs there (size, alternate screen), and the
/// idle gaps the player's idle compression shortens. Times are real seconds from the start of the recording.
/// It covers the recording's complete lines up to <see cref="Size"/>, and carries the state at that point
/// (<see cref="EndCols"/>, <see cref="EndRows"/>, <see cref="EndAlt"/>) so that a recording still being written is
/// indexed on from there, not read again from its start.
/// </summary>
internal sealed record RecordingIndex
{
    public const int CurrentVersion = 2;

    public required int Version { get; init; }

    /// <summary>The recording's length in bytes when indexed; an index for another length is stale.</summary>
    public required long Size { get; init; }

    /// <summary>The recording's last write time (Unix ms) when indexed.</summary>
    public required long ModifiedMs { get; init; }

    public required int Cols { get; init; }

    public required int Rows { get; init; }

    /// <summary>Real time of the last event a player shows (input events excluded).</summary>
    public required double Duration { get; init; }

    public required IReadOnlyList<RecordingKeyframe> Keyframes { get; init; }

    /// <summary>Pauses longer than <see cref="RecordingIndexBuilder.MinimumGapSeconds"/> between shown events, as
    /// [start, length] pairs in seconds, ascending, at most <see cref="RecordingIndexBuilder.MaxGaps"/>.</summary>
    public required IReadOnlyList<double[]> Gaps { get; init; }

    /// <summary>True when the recording had more gaps than the bound: the rest are not listed.</summary>
    public bool GapsTruncated { get; init; }

    /// <summary>The terminal's columns at the end of the indexed part, where a build resumes when the recording has
    /// grown.</summary>
    public int EndCols { get; init; }

    /// <summary>The terminal's rows at the end of the indexed part.</summary>
    public int EndRows { get; init; }

    /// <summary>Whether the alternate screen is on at the end of the indexed part.</summary>
    public bool EndAlt { get; init; }
}
