namespace Bastion.Core.Recording.Search;

/// <summary>What one read of a recording gave: the offset after its last complete event line (where the next read
/// starts), whether the file ended there, the lines skipped, and the bytes read from the file (at most one unfinished
/// last line more than the lines taken: what the next read reads again).</summary>
internal sealed record CastTail(long NextByte, bool AtEnd, int SkippedLines, long BytesRead);
