namespace Bastion.Core.Audit;

/// <summary>
/// Written when retention prunes the head of the chain: the chain now starts at <see cref="FirstSequence"/> whose
/// <c>PrevHash</c> must equal <see cref="PrevHash"/>. <see cref="Signature"/> is an HMAC-SHA256 with a key kept in the
/// data directory, so the checkpoint itself cannot be moved forward silently by someone without that key.
/// </summary>
internal sealed class AuditCheckpoint
{
    public long Id { get; set; }

    public long FirstSequence { get; set; }

    public required string PrevHash { get; set; }

    public long PrunedCount { get; set; }

    public long CreatedMs { get; set; }

    public required string Signature { get; set; }
}
