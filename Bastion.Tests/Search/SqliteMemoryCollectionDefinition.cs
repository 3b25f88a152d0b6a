namespace Bastion.Tests.Search;

/// <summary>Tests that read SQLite's process-wide memory counters (<c>sqlite3_memory_highwater</c>) run alone, after
/// the parallel collections, so no other test's database shows in their figures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SqliteMemoryCollectionDefinition
{
    public const string Name = "sqlite-memory";
}
