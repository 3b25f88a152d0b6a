using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Bastion.Web.Terminal;

/// <summary>
/// Single-use terminal tickets: browsers cannot set headers on a WebSocket, and a long-lived JWT must not travel in a
/// URL (it would land in proxy logs and history). A ticket is 256 random bits, bound to one user and one host, and
/// valid for <see cref="Lifetime"/>. Only a hash of it is kept, so a memory dump does not hand out live tickets.
/// </summary>
internal sealed class TicketStore(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _tickets = new(StringComparer.Ordinal);

    /// <param name="loginId">The login (or API token) that asked; the terminal opened with the ticket follows it.</param>
    public string Issue(Guid userId, Guid hostId, Guid? loginId = null)
    {
        Sweep();
        var ticket = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tickets[Hash(ticket)] = new Entry(userId, hostId, time.GetUtcNow() + Lifetime, loginId);
        return ticket;
    }

    /// <summary>Consumes the ticket: returns its user if it is unexpired and was issued for <paramref name="hostId"/>.
    /// A ticket can be redeemed once, whatever the result.</summary>
    public Guid? Redeem(string ticket, Guid hostId) => Redeem(ticket, hostId, out _);

    /// <summary>As <see cref="Redeem(string, Guid)"/>, and the login the ticket was issued to.</summary>
    public Guid? Redeem(string ticket, Guid hostId, out Guid? loginId)
    {
        loginId = null;
        if (ticket.Length is 0 or > 100 || !_tickets.TryRemove(Hash(ticket), out var entry))
        {
            return null;
        }

        if (entry.HostId != hostId || time.GetUtcNow() >= entry.ExpiresAt)
        {
            return null;
        }

        loginId = entry.LoginId;
        return entry.UserId;
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _tickets)
        {
            if (entry.ExpiresAt <= now)
            {
                _tickets.TryRemove(key, out _);
            }
        }
    }

    private static string Hash(string ticket) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ticket)));

    private sealed record Entry(Guid UserId, Guid HostId, DateTimeOffset ExpiresAt, Guid? LoginId);
}
