namespace Bastion.Core.Cluster;

/// <summary><c>Bus:Redis</c> = <c>host:port</c> (or any StackExchange.Redis configuration string) of the Redis that
/// the nodes share for tickets, the session directory, commands and login limits; unset, all of that stays in this
/// process (one node).</summary>
internal sealed class BusOptions
{
    public const string SectionName = "Bus";

    public string? Redis { get; set; }
}
