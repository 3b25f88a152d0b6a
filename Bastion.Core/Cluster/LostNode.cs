namespace Bastion.Core.Cluster;

/// <summary>A node whose lease expired, claimed by this node to end its <see cref="SessionIds"/>.</summary>
internal sealed record LostNode(string NodeId, IReadOnlyList<string> SessionIds);
