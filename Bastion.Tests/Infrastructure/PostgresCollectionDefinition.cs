namespace Bastion.Tests.Infrastructure;

/// <summary>Tests marked <c>[Collection(PostgresCollectionDefinition.Name)]</c> share the test PostgreSQL server
/// (<see cref="PostgresServerFixture"/>), each with databases of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}
