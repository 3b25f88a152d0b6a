namespace Bastion.Tests.Infrastructure;

/// <summary>
/// Tests marked <c>[Collection(SshdCollectionDefinition.Name)]</c> share one <see cref="SshdFixture"/> and run
/// serially, one class after another. Prefer <c>IClassFixture&lt;SshdFixture&gt;</c>: a class with an sshd of its own
/// (a fraction of a second to start) runs beside the other classes, and its sshd log holds only its own connections.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SshdCollectionDefinition : ICollectionFixture<SshdFixture>
{
    public const string Name = "sshd";
}
