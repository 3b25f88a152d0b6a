namespace Bastion.Core.Recording.Search;

/// <summary>What one indexing pass over a recording did.</summary>
internal enum IndexPass
{
    /// <summary>Everything written so far is indexed (the session may still add more).</summary>
    CaughtUp,

    /// <summary>The pass used its byte budget and there is more to read.</summary>
    More,

    /// <summary>The session ended and its recording is completely indexed.</summary>
    Completed,

    /// <summary>Another pass (or node) moved the progress first; nothing was written.</summary>
    Raced,

    /// <summary>The recording file is not on this node (yet, or not at all).</summary>
    NoFile,

    /// <summary>No pass ran: the live recording's pace holds it back (<see cref="LiveIndexPacer"/>); there is more to
    /// read once the rest is over. Not a backlog: waiting is all the indexer can do for it.</summary>
    Held,
}
