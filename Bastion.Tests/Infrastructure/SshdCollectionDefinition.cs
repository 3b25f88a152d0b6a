namespace Bastion.Tests.Infrastructure;

/// <summary>Tests marked <c>[Collection(SshdCollectionDefinition.Name)]</c> share one <see cref="SshdFixture"/> and run serially.</summary>
[CollectionDefinition(Name)]
public sealed class SshdCollectionDefinition : ICollectionFixture<SshdFixture>
{
    public const string Name = "sshd";
}
