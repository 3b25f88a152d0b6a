using Xunit.Abstractions;

namespace Bastion.Testing;

/// <summary>
/// Starts the shared-fixture collections first, the one with the most test classes first, then every other
/// collection by its id (as xunit's default does). xunit runs as many collections at once as it has threads (two on
/// CI) and starts the next one in this order when one ends; a collection that serialises many classes (the
/// <c>bastion</c> one runs for minutes) started last would leave the other thread idle for all that time. Longest
/// first leaves the short classes to fill in at the end.
/// </summary>
public sealed class SharedCollectionsFirstOrderer : ITestCollectionOrderer
{
    public const string TypeName = "Bastion.Testing.SharedCollectionsFirstOrderer";
    public const string AssemblyName = "Bastion.Testing";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var ordered = testCollections.OrderBy(c => c.UniqueID).ToList();
        var classesPerCollection = ordered
            .Select(c => c.CollectionDefinition?.Assembly)
            .OfType<IAssemblyInfo>()
            .Take(1)
            .SelectMany(a => a.GetTypes(includePrivateTypes: false))
            .Select(t => t.GetCustomAttributes(typeof(CollectionAttribute).AssemblyQualifiedName!).FirstOrDefault()?.GetConstructorArguments().FirstOrDefault() as string)
            .OfType<string>()
            .GroupBy(name => name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        // OrderBy is stable: collections of equal weight (every per-class collection) keep their order by id.
        return ordered.OrderByDescending(c => c.CollectionDefinition is null ? 0 : classesPerCollection.GetValueOrDefault(c.DisplayName, 1));
    }
}
