namespace Bastion.Core.Recording.Search;

/// <summary>One place a search matched: the session, and where in its recording (seconds from its start).</summary>
internal sealed record SearchHit(
    string SessionId, string User, string HostName, Guid HostId, DateTimeOffset StartedAt, double Offset, string Kind,
    IReadOnlyList<SnippetPart> Snippet);
