namespace Bastion.Tests.Transfer;

[CollectionDefinition(Name)]
public sealed class TransferCollectionDefinition : ICollectionFixture<TransferFixture>
{
    public const string Name = "transfer";
}
