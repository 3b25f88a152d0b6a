using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Cluster;
using Bastion.Web.Terminal;

namespace Bastion.Web.Sessions;

/// <summary>
/// Single-use tickets for attaching to a running session (<c>GET /ws/sessions/{id}</c>): the same 30-second,
/// hash-only <see cref="TicketStore"/> as terminal tickets, bound to the user, the session and the mode, so a ticket
/// for one session (or for watching) opens nothing else.
/// </summary>
internal sealed class SessionTickets(TimeProvider time, IClusterBus bus)
{
    private readonly TicketStore _store = new(time, bus);

    public Task<string> IssueAsync(Guid userId, string sessionId, string mode) => _store.IssueAsync(userId, Key(sessionId, mode));

    public Task<Guid?> RedeemAsync(string ticket, string sessionId, string mode) => _store.RedeemAsync(ticket, Key(sessionId, mode));

    private static Guid Key(string sessionId, string mode) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId + "\n" + mode)).AsSpan(0, 16));
}
