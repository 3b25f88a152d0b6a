using System.Security.Cryptography;
using System.Text;

namespace Bastion.Core.Cluster;

/// <summary>
/// Short-lived state of one kind that any node must find (issue 10): the steps of a sign-in that span two requests,
/// step-up times, passkey ceremonies, invitations. In a cluster it lives in the bus (<c>state:{kind}:{key}</c>, TTL =
/// its lifetime, taken with GETDEL where it is single use); on one node, or while Redis is unreachable, in this
/// process (then only this node finds it, as before issue 10). Keys that are secrets (an <c>mfa_token</c>, a hand-off
/// code) are given as <see cref="Digest"/>s, so neither Redis nor a log line ever holds one.
/// <para>Bound: at most <c>capacity</c> entries here (expired ones are swept at the bound, then new ones refused); in
/// Redis, with <c>sharedIssuesPerLifetime</c>, at most that many puts per lifetime window across the cluster (so at
/// most twice that many live), else (keys per user) as many as there are users.</para>
/// </summary>
internal sealed class SharedStash(IClusterBus bus, TimeProvider time, string kind, int capacity, int? sharedIssuesPerLifetime = null)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Value, DateTimeOffset ExpiresAt)> _local = new(StringComparer.Ordinal);

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

    /// <summary>Stores <paramref name="value"/> (replacing any); false at the bound.</summary>
    public async Task<bool> PutAsync(string key, string value, TimeSpan lifetime)
    {
        if (bus.IsClustered)
        {
            var issued = sharedIssuesPerLifetime is null ? 0 : await bus.CountInWindowAsync("stash:" + kind, lifetime);
            if (issued > sharedIssuesPerLifetime)
            {
                return false;
            }

            // Null: Redis is unreachable; kept here below.
            if (issued is not null && await bus.PutStateAsync(Name(key), value, lifetime))
            {
                return true;
            }
        }

        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_local.Count >= capacity && !_local.ContainsKey(key))
            {
                foreach (var (k, entry) in _local)
                {
                    if (entry.ExpiresAt <= now)
                    {
                        _local.Remove(k);
                    }
                }

                if (_local.Count >= capacity)
                {
                    return false;
                }
            }

            _local[key] = (value, now + lifetime);
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
                if (entry.ExpiresAt > time.GetUtcNow())
                {
                    return entry.Value;
                }

                _local.Remove(key);
            }
        }

        return bus.IsClustered ? await bus.GetStateAsync(Name(key)) : null;
    }

    /// <summary>Takes the value: exactly one caller, on any node, gets it.</summary>
    public async Task<string?> TakeAsync(string key)
    {
        lock (_lock)
        {
            if (_local.Remove(key, out var entry))
            {
                return entry.ExpiresAt > time.GetUtcNow() ? entry.Value : null;
            }
        }

        return bus.IsClustered ? await bus.TakeStateAsync(Name(key)) : null;
    }

    public async Task RemoveAsync(string key)
    {
        lock (_lock)
        {
            _local.Remove(key);
        }

        if (bus.IsClustered)
        {
            await bus.DeleteStateAsync(Name(key));
        }
    }

    /// <summary>Adds one to the counter <paramref name="key"/> (which lives <paramref name="lifetime"/> from its first
    /// count) and returns it.</summary>
    public async Task<long> CountAsync(string key, TimeSpan lifetime)
    {
        if (bus.IsClustered && await bus.CountInWindowAsync("stash:" + kind + ":" + key, lifetime) is { } shared)
        {
            return shared;
        }

        var now = time.GetUtcNow();
        lock (_lock)
        {
            var count = _local.TryGetValue("#" + key, out var entry) && entry.ExpiresAt > now ? long.Parse(entry.Value, System.Globalization.CultureInfo.InvariantCulture) + 1 : 1;
            if (count > 1 || _local.Count < capacity)
            {
                _local["#" + key] = (count.ToString(System.Globalization.CultureInfo.InvariantCulture), count > 1 ? entry.ExpiresAt : now + lifetime);
            }

            return count;
        }
    }

    private string Name(string key) => kind + ":" + key;
}
