namespace Bastion.Tests.Infrastructure;

/// <summary>Tests marked <c>[Collection(ClusterCollectionDefinition.Name)]</c> share one <see cref="MultiNodeFixture"/>
/// (sshd, redis-server, two Bastion processes and nginx) and run serially.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollectionDefinition : ICollectionFixture<MultiNodeFixture>
{
    public const string Name = "cluster";
}
