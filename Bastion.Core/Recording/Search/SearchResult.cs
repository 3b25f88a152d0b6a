namespace Bastion.Core.Recording.Search;

/// <summary>A page of hits; <see cref="Next"/> is the <c>skip</c> of the next page, or null at the end.</summary>
internal sealed record SearchResult(IReadOnlyList<SearchHit> Hits, int? Next);
