namespace Bastion.Core.Recording.Search;

/// <summary>One matching index row with its session's facts, as the store returns it.</summary>
internal sealed record SearchRow(
    string SessionId, string UserName, string HostName, Guid HostId, long StartedMs, char Kind, long OffsetMs, string Text);
