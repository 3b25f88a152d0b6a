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

    /// <summary>While a live recording streams faster than it is indexed, the share of the indexer's time its passes may
    /// take (more than 0, at most 1; 1 = back to back, as before): the rest is left to the relay, and the index catches up
    /// once the output calms (<see cref="LiveIndexPacer"/>, issue 12).</summary>
    public double LiveShare { get; set; } = 0.25;

    /// <summary>The most of a live recording, in bytes, left unindexed because of <see cref="LiveShare"/>: past it a
    /// session's passes run back to back again (the bound on the lag the pace adds).</summary>
    public long LiveLagBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Leave long random-looking tokens out of the index (base64, keys, tokens: <see cref="HighEntropyTokens"/>),
    /// so search does not find them; commands, paths, words of any language, identifiers, numbers and hex ids are
    /// indexed as before. The recording keeps them: the player replays them and the recording's download serves them (the
    /// player has no free-text search of its own). Off: every token is indexed.
    /// Issue 12: a flood of such tokens cost the index two to three times what ordinary output costs per MB.</summary>
    public bool SkipHighEntropyTokens { get; set; } = true;

    /// <summary>Index a line once per index row (at most a second or <see cref="SearchBucketer.MaxChars"/> of output)
    /// however often it repeats in it: the row is found by its words either way. Off: every repetition is indexed.</summary>
    public bool SkipRepeatedLines { get; set; } = true;

    /// <summary>How many recordings one sweep takes.</summary>
    public int SweepBatch { get; set; } = 20;
}
