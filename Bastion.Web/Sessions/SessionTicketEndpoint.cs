using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Cluster;
using Bastion.Core.Sessions;
using Bastion.Web.Hosting;
using Bastion.Web.Terminal;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Sessions;

/// <summary><c>POST /api/terminal/tickets {"sessionId","mode"}</c>: a ticket to attach to a running session as
/// <see cref="SessionActions.FindForAttach"/> allows: the owner (<c>control</c>), an admin or auditor (<c>watch</c>), or
/// a user with an open invitation (its mode; a watch ticket never allows typing). A session that does not exist, has ended, or the caller may not see gets the same 404 as an
/// unknown host.</summary>
internal static class SessionTicketEndpoint
{
    public const string Control = "control";
    public const string Watch = "watch";

    public static async Task<Results<Ok<TicketEndpoint.TicketResponse>, UnauthorizedHttpResult, NotFound<ApiError>>> IssueAsync(
        User user, string sessionId, string? mode, HttpContext context, SessionActions sessions, AccessPolicy policy, SessionTickets tickets,
        IAuditLog audit, IClusterBus bus, CancellationToken cancellationToken)
    {
        var ip = context.Connection.RemoteIpAddress?.ToString();
        mode ??= Control;
        (Guid HostId, Guid? AccessOf)? allowed = sessions.FindForAttach(sessionId, user, mode) is { } attach
            ? (attach.Live.HostId, attach.AccessOf)
            : null;

        // On another node (issue 10): the owner, staff, or an invitee (whose invitation that node shared) get a ticket
        // here; the owning node decides again on attach. An invitee needs the owner's grant to still cover the host.
        if (allowed is null && await bus.FindRemoteAsync(sessionId) is { } remote)
        {
            if (SessionActions.MayAskRemote(remote, user, mode))
            {
                allowed = (remote.HostId, mode is Control ? remote.UserId : null);
            }
            else if (remote.UserId != user.Id
                && await context.RequestServices.GetRequiredService<SharedInvitations>().AllowsRemoteAsync(sessionId, user.Id, mode))
            {
                allowed = (remote.HostId, remote.UserId);
            }
        }

        if (allowed is not { } found || (found.AccessOf is { } owner && !await policy.StillAllowedAsync(owner, found.HostId, cancellationToken)))
        {
            await audit.AppendAsync(TerminalEndpoint.Denied("session_not_found", user.UserName, ip, null), cancellationToken);
            return TypedResults.NotFound(TerminalEndpoint.HostNotFound);
        }

        var ticket = await tickets.IssueAsync(user.Id, sessionId, mode);
        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.TicketIssued,
            Actor = user.UserName,
            ClientAddress = ip,
            HostId = found.HostId,
            SessionId = sessionId,
            Data = new Dictionary<string, string?> { ["mode"] = mode },
        }, cancellationToken);
        return TypedResults.Ok(new TicketEndpoint.TicketResponse(ticket, (int)TicketStore.Lifetime.TotalSeconds));
    }
}
