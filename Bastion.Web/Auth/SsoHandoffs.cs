using System.Security.Cryptography;
using System.Text.Json;
using Bastion.Core.Cluster;
using Bastion.Core.Validation;

namespace Bastion.Web.Auth;

/// <summary>
/// Hands a finished single sign-on from the provider's redirect to the page without a token in a URL: the redirect
/// leaves a random code (256 bits) in an HttpOnly cookie that only the exchange endpoint receives, and the page trades
/// it once, within <see cref="Lifetime"/>, for Bastion's own access token. Shared by the nodes through the bus
/// (<see cref="SharedStash"/>, keyed by the code's digest, taken atomically), so the exchange may land on another node
/// than the redirect (issue 10); on one node, or while Redis is unreachable, kept in this process.
/// </summary>
internal sealed class SsoHandoffs(TimeProvider time, IClusterBus bus)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>The bound on pending hand-offs; at the bound, expired ones are dropped and then new ones refused (the
    /// sign-in page says to try again), so a flood of provider redirects cannot grow memory.</summary>
    public const int MaxPending = 10_000;

    private const int MaxCodeLength = 64;

    /// <summary>The bound on pending failure hand-offs (a refused or broken provider callback, which anyone can cause
    /// without signing in): counted apart, so a flood of bogus callbacks cannot use up the sign-ins' bound.</summary>
    public const int MaxPendingFailures = 1_000;

    private static readonly StashBound s_signIns = new("sso", MaxPending, MaxPending);
    private static readonly StashBound s_failures = new("sso-failed", MaxPendingFailures, MaxPendingFailures);

    // One stash, so a code is found by one lookup; sign-ins and failures are bounded apart.
    private readonly SharedStash _pending = new(bus, time, "sso", s_signIns, s_failures);

    /// <summary>The code for <paramref name="userId"/> or <paramref name="message"/>; null when the store is full.</summary>
    public async Task<string?> AddAsync(Guid? userId, FieldMessage? message)
    {
        var code = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var handoff = new SsoHandoff(userId, message?.Text, time.GetUtcNow() + Lifetime, message?.Code);
        var bound = userId is null ? s_failures : s_signIns;
        return await _pending.PutAsync(SharedStash.Digest(code), JsonSerializer.Serialize(handoff), Lifetime, bound) ? code : null;
    }

    /// <summary>Takes the hand-off for <paramref name="code"/> (so a second try, on any node, finds nothing); null if
    /// unknown or expired.</summary>
    public async Task<SsoHandoff?> TakeAsync(string? code)
    {
        if (code is not { Length: > 0 and <= MaxCodeLength })
        {
            return null;
        }

        if (await _pending.TakeAsync(SharedStash.Digest(code)) is not { } json)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SsoHandoff>(json) is { } handoff && handoff.ExpiresAt > time.GetUtcNow() ? handoff : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
