namespace Bastion.Core.Recording.Search;

/// <summary>One row of the search index: what a session showed (<c>o</c>) or was typed (<c>i</c>) from
/// <paramref name="OffsetMs"/> into its recording, for at most <see cref="SearchBucketer.WindowMs"/>.</summary>
internal readonly record struct SearchChunk(char Kind, long OffsetMs, string Text);
