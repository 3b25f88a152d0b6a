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

    /// <summary>Also index what was typed, on hosts that record input. Off by default: typed input includes what a
    /// no-echo prompt hides (a sudo password, a key's passphrase), and the index copies it into the database, its
    /// backups and its replicas, and shows it in search snippets. The recording keeps the input either way.</summary>
    public bool IndexInput { get; set; }

    /// <summary>How many recordings one sweep takes.</summary>
    public int SweepBatch { get; set; } = 20;
}
