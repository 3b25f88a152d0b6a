namespace Bastion.Tests.Infrastructure;

/// <summary>
/// Tests marked <c>[Collection(BastionCollectionDefinition.Name)]</c> share one <see cref="BastionFixture"/> (one
/// Kestrel, one sshd, a logged-in admin) and run serially. (A collection definition must live in the test assembly.)
/// </summary>
[CollectionDefinition(Name)]
public sealed class BastionCollectionDefinition : ICollectionFixture<BastionFixture>
{
    public const string Name = "bastion";
}
