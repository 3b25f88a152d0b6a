namespace Bastion.Core.Cluster;

/// <summary>
/// A bound on one class of entries in a <see cref="SharedStash"/>: at most <paramref name="Capacity"/> held in this
/// process and, with <paramref name="SharedIssuesPerLifetime"/>, at most that many puts per lifetime window across the
/// cluster. Each class is counted apart, so a flood of one (say, failed sign-on callbacks that anyone can cause)
/// cannot use up another's room, while every entry is still found by its key alone.
/// </summary>
/// <param name="Name">Names the class's cluster-wide put counter (<c>stash:{Name}</c>).</param>
internal sealed record StashBound(string Name, int Capacity, int? SharedIssuesPerLifetime = null);
