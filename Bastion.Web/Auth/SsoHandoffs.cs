using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Bastion.Web.Auth;

/// <summary>
/// Hands a finished single sign-on from the provider's redirect to the page without a token in a URL: the redirect
/// leaves a random code (256 bits) in an HttpOnly cookie that only the exchange endpoint receives, and the page trades
/// it once, within <see cref="Lifetime"/>, for Bastion's own access token. In memory: a node that restarts between
/// the redirect and the exchange (a second or two) loses the sign-in, which is started again.
/// </summary>
internal sealed class SsoHandoffs(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>The bound on pending hand-offs; at the bound, expired ones are dropped and then new ones refused (the
    /// sign-in page says to try again), so a flood of provider redirects cannot grow memory.</summary>
    public const int MaxPending = 10_000;

    private readonly ConcurrentDictionary<string, SsoHandoff> _pending = new(StringComparer.Ordinal);

    /// <summary>The code for <paramref name="userId"/> or <paramref name="message"/>; null when the store is full.</summary>
    public string? Add(Guid? userId, string? message)
    {
        var now = time.GetUtcNow();
        if (_pending.Count >= MaxPending)
        {
            foreach (var (key, value) in _pending)
            {
                if (value.ExpiresAt <= now)
                {
                    _pending.TryRemove(key, out _);
                }
            }

            if (_pending.Count >= MaxPending)
            {
                return null;
            }
        }

        var code = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _pending[code] = new SsoHandoff(userId, message, now + Lifetime);
        return code;
    }

    /// <summary>Takes the hand-off for <paramref name="code"/> (so a second try finds nothing); null if unknown or expired.</summary>
    public SsoHandoff? Take(string? code) =>
        code is { Length: > 0 and <= 64 } && _pending.TryRemove(code, out var handoff) && handoff.ExpiresAt > time.GetUtcNow() ? handoff : null;
}
