namespace Bastion.Core.Cluster;

/// <summary>A session that runs on another live node: who owns it and where that node is reached.</summary>
internal sealed record RemoteSession(string SessionId, string NodeId, string NodeUrl, Guid UserId, Guid HostId);
