using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Sessions;
using Bastion.Web.Hosting;
using Bastion.Web.Terminal;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Sessions;

/// <summary><c>POST /api/terminal/tickets {"sessionId","mode"}</c>: a ticket to attach to one of the caller's running
/// sessions (<c>control</c>), or for an admin or auditor to watch any running session (<c>watch</c>; such a ticket
/// never allows typing). A session that does not exist, has ended, or the caller may not see gets the same 404 as an
/// unknown host.</summary>
internal static class SessionTicketEndpoint
{
    public const string Control = "control";
    public const string Watch = "watch";

    public static async Task<Results<Ok<TicketEndpoint.TicketResponse>, UnauthorizedHttpResult, NotFound<ApiError>>> IssueAsync(
        User user, string sessionId, string? mode, HttpContext context, SessionActions sessions, AccessPolicy policy, SessionTickets tickets,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        var ip = context.Connection.RemoteIpAddress?.ToString();
        mode ??= Control;
        var live = mode switch
        {
            Control => sessions.FindOwn(sessionId, user.Id),
            Watch => sessions.FindWatchable(sessionId, user),
            _ => null,
        };
        if (live is null || (mode == Control && !await policy.StillAllowedAsync(user.Id, live.HostId, cancellationToken)))
        {
            await audit.AppendAsync(TerminalEndpoint.Denied("session_not_found", user.UserName, ip, null), cancellationToken);
            return TypedResults.NotFound(TerminalEndpoint.HostNotFound);
        }

        var ticket = tickets.Issue(user.Id, sessionId, mode);
        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.TicketIssued,
            Actor = user.UserName,
            ClientAddress = ip,
            HostId = live.HostId,
            SessionId = sessionId,
            Data = new Dictionary<string, string?> { ["mode"] = mode },
        }, cancellationToken);
        return TypedResults.Ok(new TicketEndpoint.TicketResponse(ticket, (int)TicketStore.Lifetime.TotalSeconds));
    }
}
