using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Cluster;

namespace Bastion.Web.Terminal;

/// <summary>
/// Single-use terminal tickets: browsers cannot set headers on a WebSocket, and a long-lived JWT must not travel in a
/// URL (it would land in proxy logs and history). A ticket is 256 random bits, bound to one user and one host, and
/// valid for <see cref="Lifetime"/>. Only a hash of it is kept, so a memory dump does not hand out live tickets.
/// In a cluster (issue 10) tickets live in the bus, taken atomically (GETDEL), so a ticket issued on one node is
/// redeemed once on any node; while the bus is unreachable a ticket is kept here, and only this node redeems it.
/// </summary>
internal sealed class TicketStore(TimeProvider time, IClusterBus bus)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _tickets = new(StringComparer.Ordinal);

    /// <param name="loginId">The login (or API token) that asked; the terminal opened with the ticket follows it.</param>
    public async Task<string> IssueAsync(Guid userId, Guid hostId, Guid? loginId = null)
    {
        Sweep();
        var ticket = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var entry = new Entry(userId, hostId, time.GetUtcNow() + Lifetime, loginId);
        if (!bus.IsClustered || !await bus.PutTicketAsync(Hash(ticket), entry.Encode(), Lifetime))
        {
            _tickets[Hash(ticket)] = entry;
        }

        return ticket;
    }

    /// <summary>Consumes the ticket: returns its user if it is unexpired and was issued for <paramref name="hostId"/>.
    /// A ticket can be redeemed once, whatever the result.</summary>
    public async Task<Guid?> RedeemAsync(string ticket, Guid hostId) => (await RedeemWithLoginAsync(ticket, hostId)).UserId;

    /// <summary>As <see cref="RedeemAsync"/>, and the login the ticket was issued to.</summary>
    public async Task<(Guid? UserId, Guid? LoginId)> RedeemWithLoginAsync(string ticket, Guid hostId)
    {
        if (ticket.Length is 0 or > 100)
        {
            return (null, null);
        }

        var hash = Hash(ticket);
        if (!_tickets.TryRemove(hash, out var entry))
        {
            entry = bus.IsClustered && await bus.TakeTicketAsync(hash) is { } shared ? Entry.Decode(shared) : null;
        }

        return entry is not null && entry.HostId == hostId && time.GetUtcNow() < entry.ExpiresAt ? (entry.UserId, entry.LoginId) : (null, null);
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

    private sealed record Entry(Guid UserId, Guid HostId, DateTimeOffset ExpiresAt, Guid? LoginId)
    {
        public string Encode() => $"{UserId:N} {HostId:N} {ExpiresAt.ToUnixTimeMilliseconds()} {(LoginId is { } login ? login.ToString("N") : "-")}";

        public static Entry? Decode(string value) =>
            value.Split(' ') is [var user, var host, var expires, var login] && Guid.TryParse(user, out var u) && Guid.TryParse(host, out var h)
                && long.TryParse(expires, System.Globalization.CultureInfo.InvariantCulture, out var ms)
                ? new Entry(u, h, DateTimeOffset.FromUnixTimeMilliseconds(ms), Guid.TryParse(login, out var l) ? l : null)
                : null;
    }
}
