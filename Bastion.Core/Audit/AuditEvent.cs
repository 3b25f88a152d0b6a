namespace Bastion.Core.Audit;

/// <summary>
/// One audit record. <see cref="Type"/> is a dotted name (<c>auth.login.succeeded</c>, <c>session.started</c>,
/// <c>host.created</c>...). <see cref="Data"/> holds event-specific values as strings; it must never hold a secret.
/// </summary>
internal sealed record AuditEvent
{
    public required string Type { get; init; }

    /// <summary>The user who acted (user name), or null for the system.</summary>
    public string? Actor { get; init; }

    public string? ClientAddress { get; init; }

    public string? SessionId { get; init; }

    public Guid? HostId { get; init; }

    public IReadOnlyDictionary<string, string?> Data { get; init; } = new Dictionary<string, string?>();
}
