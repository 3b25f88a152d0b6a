namespace Bastion.Core.Recording.Search;

/// <summary>A session whose recording is not yet fully indexed (the backfill's work list).</summary>
internal sealed record SessionToIndex(string SessionId, string RecordingFile, bool Ended);
