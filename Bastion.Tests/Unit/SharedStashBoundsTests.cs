using Bastion.Core.Cluster;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Unit;

/// <summary>One stash with a bound per class of entries (held in this process): each class is counted apart, and
/// every entry is found by its key alone.</summary>
public sealed class SharedStashBoundsTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private static readonly StashBound Wide = new("wide", 3);
    private static readonly StashBound Narrow = new("narrow", 1);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task AFullClass_RefusesOnlyItsOwnEntries()
    {
        var stash = new SharedStash(new InProcessBus(), _time, "test", Wide, Narrow);

        Assert.True(await stash.PutAsync("n1", "x", Lifetime, Narrow));
        Assert.False(await stash.PutAsync("n2", "x", Lifetime, Narrow));
        Assert.True(await stash.PutAsync("w1", "x", Lifetime, Wide));
        Assert.True(await stash.PutAsync("w2", "x", Lifetime)); // the first bound is the default
        Assert.True(await stash.PutAsync("w3", "x", Lifetime, Wide));
        Assert.False(await stash.PutAsync("w4", "x", Lifetime, Wide));
        Assert.Equal(4, stash.LocalCount);
    }

    [Fact]
    public async Task EntriesOfEveryClass_AreTakenByKey_AndTakingFreesTheirClass()
    {
        var stash = await StashWithAsync(("n1", "narrow value", Narrow), ("w1", "wide value", Wide));

        Assert.Equal("narrow value", await stash.TakeAsync("n1"));
        Assert.Equal("wide value", await stash.TakeAsync("w1"));
        Assert.Null(await stash.TakeAsync("n1"));
        Assert.True(await stash.PutAsync("n2", "x", Lifetime, Narrow));
    }

    [Fact]
    public async Task ExpiredEntries_AreSweptAtTheBound_WhateverTheirClass()
    {
        var stash = await StashWithAsync(("n1", "x", Narrow), ("w1", "x", Wide));

        _time.Advance(Lifetime);

        Assert.True(await stash.PutAsync("n2", "x", Lifetime, Narrow));
        Assert.Equal(1, stash.LocalCount);
    }

    [Fact]
    public async Task AnEntryPutAgainInAnotherClass_MovesItsCount()
    {
        var stash = await StashWithAsync(("k", "x", Narrow), ("k", "y", Wide));

        Assert.True(await stash.PutAsync("n1", "x", Lifetime, Narrow));
        Assert.Equal("y", await stash.GetAsync("k"));
    }

    [Fact]
    public async Task ABoundTheStashWasNotGiven_IsABug()
    {
        var stash = new SharedStash(new InProcessBus(), _time, "test", Wide);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stash.PutAsync("k", "x", Lifetime, Narrow));
    }

    /// <summary>A stash with both classes, holding <paramref name="entries"/> (each put must succeed).</summary>
    private async Task<SharedStash> StashWithAsync(params (string Key, string Value, StashBound Bound)[] entries)
    {
        var stash = new SharedStash(new InProcessBus(), _time, "test", Wide, Narrow);
        foreach (var (key, value, bound) in entries)
        {
            Assert.True(await stash.PutAsync(key, value, Lifetime, bound));
        }

        return stash;
    }
}
