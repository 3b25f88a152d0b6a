namespace Bastion.Core.Recording.Search;

/// <summary>What one read of a recording gave: its complete event lines from the given byte offset, the offset after
/// the last of them (where the next read starts), and whether the file ended there.</summary>
internal sealed record CastTail(IReadOnlyList<CastEvent> Events, long NextByte, bool AtEnd, int SkippedLines);
