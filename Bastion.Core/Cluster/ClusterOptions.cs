namespace Bastion.Core.Cluster;

/// <summary>
/// This node's place in a cluster (issue 10), used only when <c>Bus:Redis</c> is set. <see cref="NodeUrl"/> is where the
/// other nodes reach this one to proxy an attach (an internal address, not the load balancer's); unset, the first
/// address Kestrel listens on. <see cref="Lease"/> is how long the node's entry lives without renewal: a node that
/// stops renewing is lost, and a surviving node ends its sessions as <c>node_lost</c>.
/// </summary>
internal sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Unset: a random id for each start (a restarted node's old sessions are then ended as node_lost).</summary>
    public string? NodeId { get; set; }

    public string? NodeUrl { get; set; }

    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the node renews its lease and republishes its sessions: a third of the lease.</summary>
    public TimeSpan RenewInterval => Lease / 3;
}
