namespace Bastion.Core.Recording.Search;

/// <summary>A checked search: <see cref="Terms"/> all must appear (each a phrase of words, in order); the filters are
/// optional; <see cref="FromMs"/>/<see cref="ToMs"/> bound the hit's own time (session start plus offset).</summary>
internal sealed record SearchFilter
{
    public required IReadOnlyList<string> Terms { get; init; }

    public string? User { get; init; }

    public string? HostName { get; init; }

    public Guid? HostId { get; init; }

    public long? FromMs { get; init; }

    public long? ToMs { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}
