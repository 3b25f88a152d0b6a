namespace Bastion.Core.Recording;

/// <summary>What the audit and the recording say about a session: who, where, how big. No secrets.</summary>
internal sealed record SessionFacts
{
    public required string SessionId { get; init; }

    public required string UserName { get; init; }

    public required Guid HostId { get; init; }

    public required string HostName { get; init; }

    /// <summary>The login on the host.</summary>
    public required string Login { get; init; }

    /// <summary><c>address:port</c> of the host.</summary>
    public required string Address { get; init; }

    public string? ClientAddress { get; init; }

    public required int Cols { get; init; }

    public required int Rows { get; init; }

    public bool RecordInput { get; init; }
}
