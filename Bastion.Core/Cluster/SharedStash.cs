using System.Security.Cryptography;
using System.Text;

namespace Bastion.Core.Cluster;

/// <summary>
/// Short-lived state of one kind that any node must find (issue 10): the steps of a sign-in that span two requests,
/// step-up times, passkey ceremonies, invitations. In a cluster it lives in the bus (<c>state:{kind}:{key}</c>, TTL =
/// its lifetime, taken with GETDEL where it is single use); on one node, or while Redis is unreachable, in this
/// process (then only this node finds it, as before issue 10). Keys that are secrets (an <c>mfa_token</c>, a hand-off
/// code) are given as <see cref="Digest"/>s, so neither Redis nor a log line ever holds one.
/// <para>Bound: each class of entries has a <see cref="StashBound"/> (one class unless more are given): at most its
/// capacity here (expired ones are swept at the bound, then new ones refused); in Redis, with its shared issue limit,
/// at most that many puts per lifetime window across the cluster (so at most twice that many live), else (keys per
/// user) as many as there are users.</para>
/// </summary>
internal sealed class SharedStash
{
    private readonly IClusterBus _bus;
    private readonly TimeProvider _time;
    private readonly string _kind;
    private readonly StashBound[] _bounds;
    private readonly int[] _held;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _local = new(StringComparer.Ordinal);

    /// <summary>A stash with one bound, named <paramref name="kind"/>.</summary>
    public SharedStash(IClusterBus bus, TimeProvider time, string kind, int capacity, int? sharedIssuesPerLifetime = null)
        : this(bus, time, kind, new StashBound(kind, capacity, sharedIssuesPerLifetime))
    {
    }

    /// <param name="bus">Where the entries live in a cluster.</param>
    /// <param name="time">The clock of the entries' lifetimes.</param>
    /// <param name="kind">The entries' name prefix in the bus (<c>state:{kind}:{key}</c>).</param>
    /// <param name="bounds">One per class of entries; the first is the default (and holds <see cref="CountAsync"/>'s
    /// counters).</param>
    public SharedStash(IClusterBus bus, TimeProvider time, string kind, params StashBound[] bounds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bounds.Length);
        _bus = bus;
        _time = time;
        _kind = kind;
        _bounds = bounds;
        _held = new int[bounds.Length];
    }

    /// <summary>Entries held in this process (unclustered, or written while Redis was unreachable).</summary>
    public int LocalCount
    {
        get
        {
            lock (_lock)
            {
                return _local.Count;
            }
        }
    }

    /// <summary>The key for a secret: its SHA-256, hex.</summary>
    public static string Digest(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Stores <paramref name="value"/> (replacing any) in the class of <paramref name="bound"/> (the default
    /// when null); false at that class's bound.</summary>
    public async Task<bool> PutAsync(string key, string value, TimeSpan lifetime, StashBound? bound = null)
    {
        var index = bound is null ? 0 : Array.IndexOf(_bounds, bound);
        ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(bound));
        var limits = _bounds[index];
        if (_bus.IsClustered)
        {
            var issued = limits.SharedIssuesPerLifetime is null ? 0 : await _bus.CountInWindowAsync("stash:" + limits.Name, lifetime);
            if (issued > limits.SharedIssuesPerLifetime)
            {
                return false;
            }

            // Null: Redis is unreachable; kept here below.
            if (issued is not null && await _bus.PutStateAsync(Name(key), value, lifetime))
            {
                return true;
            }
        }

        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_held[index] >= limits.Capacity && !(_local.TryGetValue(key, out var held) && held.Bound == index))
            {
                foreach (var (k, entry) in _local)
                {
                    if (entry.ExpiresAt <= now)
                    {
                        Drop(k);
                    }
                }

                if (_held[index] >= limits.Capacity)
                {
                    return false;
                }
            }

            Set(key, new Entry(value, now + lifetime, index));
            return true;
        }
    }

    /// <summary>The value, left in place; null when unknown or expired.</summary>
    public async Task<string?> GetAsync(string key)
    {
        lock (_lock)
        {
            if (_local.TryGetValue(key, out var entry))
            {
                if (entry.ExpiresAt > _time.GetUtcNow())
                {
                    return entry.Value;
                }

                Drop(key);
            }
        }

        return _bus.IsClustered ? await _bus.GetStateAsync(Name(key)) : null;
    }

    /// <summary>Takes the value: exactly one caller, on any node, gets it.</summary>
    public async Task<string?> TakeAsync(string key)
    {
        lock (_lock)
        {
            if (Drop(key) is { } entry)
            {
                return entry.ExpiresAt > _time.GetUtcNow() ? entry.Value : null;
            }
        }

        return _bus.IsClustered ? await _bus.TakeStateAsync(Name(key)) : null;
    }

    public async Task RemoveAsync(string key)
    {
        lock (_lock)
        {
            Drop(key);
        }

        if (_bus.IsClustered)
        {
            await _bus.DeleteStateAsync(Name(key));
        }
    }

    /// <summary>Adds one to the counter <paramref name="key"/> (which lives <paramref name="lifetime"/> from its first
    /// count) and returns it.</summary>
    public async Task<long> CountAsync(string key, TimeSpan lifetime)
    {
        if (_bus.IsClustered && await _bus.CountInWindowAsync("stash:" + _kind + ":" + key, lifetime) is { } shared)
        {
            return shared;
        }

        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var count = _local.TryGetValue("#" + key, out var entry) && entry.ExpiresAt > now ? long.Parse(entry.Value, System.Globalization.CultureInfo.InvariantCulture) + 1 : 1;
            if (count > 1 || _held[0] < _bounds[0].Capacity)
            {
                Set("#" + key, new Entry(count.ToString(System.Globalization.CultureInfo.InvariantCulture), count > 1 ? entry.ExpiresAt : now + lifetime, 0));
            }

            return count;
        }
    }

    /// <summary>Under the lock: stores <paramref name="entry"/>, keeping each class's count.</summary>
    private void Set(string key, Entry entry)
    {
        Drop(key);
        _local[key] = entry;
        _held[entry.Bound]++;
    }

    /// <summary>Under the lock: removes the entry, if any, keeping each class's count.</summary>
    private Entry? Drop(string key)
    {
        if (!_local.Remove(key, out var entry))
        {
            return null;
        }

        _held[entry.Bound]--;
        return entry;
    }

    private string Name(string key) => _kind + ":" + key;

    /// <param name="Bound">The index of the entry's class in the bounds.</param>
    private readonly record struct Entry(string Value, DateTimeOffset ExpiresAt, int Bound);
}
