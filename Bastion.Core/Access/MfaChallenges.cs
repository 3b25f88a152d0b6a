using System.Security.Cryptography;
using System.Text.Json;
using Bastion.Core.Cluster;

namespace Bastion.Core.Access;

/// <summary>
/// The <c>mfa_token</c>s of logins between their password and their second factor: random, short-lived (5 min),
/// single use, and bounded in number (<see cref="Capacity"/>; at the bound a new login is refused rather than an
/// older one dropped). Shared by the nodes through the bus (<see cref="SharedStash"/>, keyed by the token's digest), so
/// the two steps of a login may land on different nodes (issue 10); the wrong-code count and the passkey options
/// of a challenge are shared the same way, and the token is used up with an atomic take.
/// </summary>
internal sealed class MfaChallenges(IClusterBus bus, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public const int Capacity = 10_000;

    /// <summary>Wrong codes one challenge takes before it is dropped (the account's lockout counts them too).</summary>
    public const int MaxFailures = 5;

    /// <summary>Longer tokens are not ours (ours are 43 characters): refused before hashing.</summary>
    private const int MaxTokenLength = 64;

    private readonly SharedStash _challenges = new(bus, time, "mfa", Capacity, Capacity);
    private readonly SharedStash _passkeyOptions = new(bus, time, "mfa-passkey", Capacity);

    /// <summary>A new token for the user, or null when the store is full.</summary>
    public async Task<string?> IssueAsync(User user, bool enrol)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = new MfaChallenge(user.Id, user.UserName, enrol, time.GetUtcNow() + Lifetime);
        return await _challenges.PutAsync(SharedStash.Digest(token), JsonSerializer.Serialize(challenge), Lifetime) ? token : null;
    }

    /// <summary>The live challenge behind <paramref name="token"/>, left in place (a wrong code may be retried).</summary>
    public async Task<MfaChallenge?> FindAsync(string? token)
    {
        if (token is not { Length: > 0 and <= MaxTokenLength } || await _challenges.GetAsync(SharedStash.Digest(token)) is not { } json)
        {
            return null;
        }

        var challenge = Decode(json);
        return challenge is not null && challenge.ExpiresAt > time.GetUtcNow() ? challenge : null;
    }

    /// <summary>Counts a wrong code; the challenge is dropped at <see cref="MaxFailures"/>.</summary>
    public async Task FailAsync(string token)
    {
        var key = SharedStash.Digest(token);
        if (await _challenges.CountAsync(key, Lifetime) >= MaxFailures)
        {
            await _challenges.RemoveAsync(key);
            await _passkeyOptions.RemoveAsync(key);
        }
    }

    /// <summary>Uses the token up: true for exactly one caller, on any node.</summary>
    public async Task<bool> ConsumeAsync(string token)
    {
        var key = SharedStash.Digest(token);
        var taken = await _challenges.TakeAsync(key) is not null;
        await _passkeyOptions.RemoveAsync(key);
        return taken;
    }

    /// <summary>Keeps the WebAuthn assertion options issued for the challenge, for its next passkey answer.</summary>
    public Task<bool> SetPasskeyOptionsAsync(string token, string optionsJson) =>
        _passkeyOptions.PutAsync(SharedStash.Digest(token), optionsJson, Lifetime);

    /// <summary>Takes the challenge's passkey options: one assertion per issued options.</summary>
    public Task<string?> TakePasskeyOptionsAsync(string token) => _passkeyOptions.TakeAsync(SharedStash.Digest(token));

    private static MfaChallenge? Decode(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<MfaChallenge>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
