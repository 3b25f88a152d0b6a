namespace Bastion.Core.Cluster;

/// <summary>What the directory keeps of a session this node runs.</summary>
internal sealed record LocalSessionEntry(string SessionId, Guid UserId, Guid HostId);
