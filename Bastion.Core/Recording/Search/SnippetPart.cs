namespace Bastion.Core.Recording.Search;

/// <summary>A piece of a hit's snippet: plain text, marked when it is what matched. Text, never markup: the page
/// renders it as text nodes (recorded output is whatever a host sent).</summary>
internal sealed record SnippetPart(string Text, bool Hit);
