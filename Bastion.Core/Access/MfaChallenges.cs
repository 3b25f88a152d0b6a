using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Bastion.Core.Access;

/// <summary>
/// The <c>mfa_token</c>s of logins between their password and their second factor: random, short-lived (5 min),
/// single use, and bounded in number (<see cref="Capacity"/>; at the bound a new login is refused rather than an
/// older one dropped). Kept in this process: a multi-node deployment must route a login's two steps to one node or
/// move this store to the shared cache.
/// </summary>
internal sealed class MfaChallenges(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public const int Capacity = 10_000;

    /// <summary>Wrong codes one challenge takes before it is dropped (the account's lockout counts them too).</summary>
    public const int MaxFailures = 5;

    private readonly ConcurrentDictionary<string, MfaChallenge> _challenges = new(StringComparer.Ordinal);

    /// <summary>A new token for the user, or null when the store is full.</summary>
    public string? Issue(User user, bool enrol)
    {
        var now = time.GetUtcNow();
        if (_challenges.Count >= Capacity)
        {
            foreach (var (key, value) in _challenges)
            {
                if (value.ExpiresAt <= now)
                {
                    _challenges.TryRemove(key, out _);
                }
            }

            if (_challenges.Count >= Capacity)
            {
                return null;
            }
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _challenges[token] = new MfaChallenge(user.Id, user.UserName, enrol, now + Lifetime);
        return token;
    }

    /// <summary>The live challenge behind <paramref name="token"/>, left in place (a wrong code may be retried).</summary>
    public MfaChallenge? Find(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_challenges.TryGetValue(token, out var challenge))
        {
            return null;
        }

        if (challenge.ExpiresAt > time.GetUtcNow())
        {
            return challenge;
        }

        _challenges.TryRemove(token, out _);
        return null;
    }

    /// <summary>Counts a wrong code; the challenge is dropped at <see cref="MaxFailures"/>.</summary>
    public void Fail(string token)
    {
        if (_challenges.TryGetValue(token, out var challenge) && ++challenge.Failures >= MaxFailures)
        {
            _challenges.TryRemove(token, out _);
        }
    }

    /// <summary>Uses the token up: true for exactly one caller.</summary>
    public bool Consume(string token) => _challenges.TryRemove(token, out _);
}
