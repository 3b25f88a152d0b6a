namespace Bastion.Tests.Screen;

/// <summary>Memory measurements run alone: other tests allocating at the same time would blur the heap size.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScreenMemoryCollectionDefinition
{
    public const string Name = "Screen memory";
}
