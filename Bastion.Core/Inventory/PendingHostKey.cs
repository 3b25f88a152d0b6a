namespace Bastion.Core.Inventory;

/// <summary>
/// A host key Bastion has seen but nobody approved: from a scan, from an import that disagreed with the pin, or from
/// a connection refused because the host offered a different key ("re-keyed hosts"). One per host; the latest wins.
/// </summary>
internal sealed class PendingHostKey
{
    public Guid Id { get; set; }

    public Guid HostId { get; set; }

    public required string Fingerprint { get; set; }

    public string? KeyType { get; set; }

    /// <summary><c>scan</c>, <c>connect</c> or <c>import</c>.</summary>
    public required string Source { get; set; }

    public DateTimeOffset SeenAt { get; set; }
}
