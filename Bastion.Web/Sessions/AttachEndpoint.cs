using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Cluster;
using Bastion.Core.Sessions;
using Bastion.Core.Validation;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Bastion.Web.Terminal;
using Microsoft.AspNetCore.Authentication;

namespace Bastion.Web.Sessions;

/// <summary>
/// <c>GET /ws/sessions/{sessionId}?mode=control|watch[&amp;flow=1][&amp;ticket=T]</c>: attaches a socket to a running
/// session: the owner in control, an admin or auditor watching read-only, or an invited user watching or typing. Checked before the upgrade exactly as the terminal endpoint: Origin, then a ticket (bound to the
/// session and mode) or a bearer header, then the session. A session that does not exist, has ended, or is not the
/// caller's gets the same 404 as an unknown host, so session ids cannot be probed.
/// </summary>
internal static partial class AttachEndpoint
{
    public static async Task HandleAsync(
        string sessionId, HttpContext context, OriginPolicy origins, SessionTickets tickets, UserDirectory users, AccessPolicy policy,
        SessionActions sessions, TerminalSession terminal, ILogger<TerminalSession> logger, IAuditLog audit,
        IClusterBus bus, NodeCredentials nodes, AttachProxy proxy)
    {
        var request = context.Request;
        var query = request.Query;
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var mode = query["mode"].ToString() is { Length: > 0 } m ? m : SessionTicketEndpoint.Control;

        // 0. Another node proxying its browser's attach (AttachProxy): it checked Origin and the ticket already.
        (Guid UserId, string? ClientAddress)? vouched = null;
        if (request.Headers.TryGetValue(NodeCredentials.Header, out var nodeAuth))
        {
            vouched = nodes.Verify(nodeAuth.ToString(), sessionId, mode);
            if (vouched is null)
            {
                await DenyAsync(audit, logger, TerminalEndpoint.Denied("node_auth", null, ip, null));
                await Unauthorized(context, ReplyMessages.NodeCredentialsRefused);
                return;
            }

            ip = vouched.Value.ClientAddress;
        }

        // 1. Cheap refusals first.
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Results.Json(new ApiError(ReplyMessages.WebSocketRequired), statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        if (vouched is null && !origins.IsAllowed(request))
        {
            LogOriginRefused(logger, request.Headers.Origin.ToString());
            await DenyAsync(audit, logger, TerminalEndpoint.Denied("origin", null, ip, null, request.Headers.Origin.ToString()));
            await Results.Json(new ApiError(ReplyMessages.OriginNotAllowed), statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        if (mode is not (SessionTicketEndpoint.Control or "watch"))
        {
            await Results.Json(new ApiError(ReplyMessages.AttachModeInvalid), statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        // 2. Who is asking: a single-use ticket (browsers) or a bearer header (tools). Never a token in the URL.
        if (query.ContainsKey("access_token") || query.ContainsKey("token") || query.ContainsKey("jwt"))
        {
            await DenyAsync(audit, logger, TerminalEndpoint.Denied("token_in_url", null, ip, null));
            await Unauthorized(context, ReplyMessages.TokenInUrl);
            return;
        }

        Guid? userId;
        if (vouched is { } node)
        {
            userId = node.UserId;
        }
        else if (query.TryGetValue("ticket", out var ticket))
        {
            userId = await tickets.RedeemAsync(ticket.ToString(), sessionId, mode);
        }
        else
        {
            var auth = await context.AuthenticateAsync(AuthExtensions.Scheme);
            userId = auth.Succeeded && Guid.TryParse(auth.Principal.FindFirst("sub")?.Value, out var id) ? id : null;
        }

        var user = userId is { } uid ? await users.FindActiveAsync(uid, context.RequestAborted) : null;
        if (user is null)
        {
            await DenyAsync(audit, logger, TerminalEndpoint.Denied("auth", null, ip, null));
            await Unauthorized(context, ReplyMessages.SessionTicketInvalid);
            return;
        }

        // 3. Who may attach, and as what (SessionActions.FindForAttach): the owner in control, admins and auditors
        //    watching, invited users watching or typing. Asked again here: a ticket lives 30 s, and an invitation can be
        //    revoked in between. Anything else is the same 404.
        var found = sessions.FindForAttach(sessionId, user, mode);

        // 3a. Running on another node (issue 10): proxy to its owner, which asks the same rule. Never re-proxied.
        if (found is null && vouched is null && await bus.FindRemoteAsync(sessionId) is { } remote
            && await proxy.TryProxyAsync(context, remote, user.Id, mode, query["flow"] == "1", ip))
        {
            return;
        }

        if (found is not { } attach
            || (attach.AccessOf is { } owner && !await policy.StillAllowedAsync(owner, attach.Live.HostId, context.RequestAborted)))
        {
            await DenyAsync(audit, logger, TerminalEndpoint.Denied("session_not_found", user.UserName, ip, null));
            await Results.Json(TerminalEndpoint.HostNotFound, statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
            return;
        }

        // 4. Upgrade and attach.
        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        switch (attach.Role)
        {
            case AttachRole.Owner:
                await terminal.AttachAsync(webSocket, attach.Live, query["flow"] == "1", user.UserName, ip);
                break;
            default:
                await terminal.WatchAsync(webSocket, attach.Live, user.UserName, ip, mayType: attach.Role == AttachRole.Helper);
                break;
        }
    }

    private static async Task DenyAsync(IAuditLog audit, ILogger logger, AuditEvent denied)
    {
        try
        {
            await audit.AppendAsync(denied, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogDenialNotAudited(logger, ex);
        }
    }

    private static Task Unauthorized(HttpContext context, FieldMessage message) =>
        Results.Json(new ApiError(message), statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "Refused a session attach from origin {Origin}")]
    private static partial void LogOriginRefused(ILogger logger, string origin);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Error, Message = "Could not audit a refused session attach")]
    private static partial void LogDenialNotAudited(ILogger logger, Exception exception);
}
