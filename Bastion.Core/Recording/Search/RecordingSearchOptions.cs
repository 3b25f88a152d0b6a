namespace Bastion.Core.Recording.Search;

/// <summary>Configuration section <c>Search</c>: the recordings' search index.</summary>
public sealed class RecordingSearchOptions
{
    public const string SectionName = "Search";

    /// <summary>Index recordings (live, and the backfill of older ones). Off: nothing is indexed; search answers from
    /// what is already in the index.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the indexer looks for recordings not completely indexed (sessions that ended, recordings made
    /// before search, or on another node's shared disk).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most of one recording read in one pass (the indexer's memory and its share of the database), in bytes.</summary>
    public long PassBytes { get; set; } = 1024 * 1024;

    /// <summary>How many recordings one sweep takes.</summary>
    public int SweepBatch { get; set; } = 20;
}
