namespace Bastion.Core.Transfer;

/// <summary>Who transfers, on which session and host: copied out of the request before any work starts.</summary>
internal sealed record TransferFacts(string UserName, string SessionId, Guid HostId, string HostName, string Login, string? ClientAddress);
