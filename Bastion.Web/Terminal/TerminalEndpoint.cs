using System.Globalization;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Sessions;
using Bastion.Core.Terminal;
using Bastion.Core.Validation;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace Bastion.Web.Terminal;

/// <summary>
/// <c>GET /ws/terminal/{hostId}</c>. Everything that can refuse the request is checked before the upgrade, in the
/// order that leaks the least: Origin, credentials, then access (unknown and not-granted hosts get the same 404).
/// </summary>
internal static partial class TerminalEndpoint
{
    /// <summary>The one 404 of the terminal, ticket and attach paths, for an unknown host, a host not granted and a
    /// session that is not the caller's alike, so none of them tells which it was.</summary>
    public static readonly ApiError HostNotFound = new(ReplyMessages.HostNotFound);

    public static async Task HandleAsync(
        string hostId, HttpContext context, OriginPolicy origins, TicketStore tickets, UserDirectory users, AccessPolicy policy,
        CredentialVault vault, TerminalSession session, IHostApplicationLifetime lifetime, ILogger<TerminalSession> logger, IAuditLog audit)
    {
        var request = context.Request;
        var query = request.Query;
        var ip = context.Connection.RemoteIpAddress?.ToString();
        _ = Guid.TryParse(hostId, out var hostGuid);

        // 1. Cheap refusals first.
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Results.Json(new ApiError(ReplyMessages.WebSocketRequired), statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        if (!origins.IsAllowed(request))
        {
            LogOriginRefused(logger, request.Headers.Origin.ToString());
            await DenyAsync(audit, logger, Denied("origin", null, ip, hostGuid, request.Headers.Origin.ToString()));
            await Results.Json(new ApiError(ReplyMessages.OriginNotAllowed), statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        // 2. Who is asking: a single-use ticket (browsers) or a bearer header (tools). Never a token in the URL.
        if (query.ContainsKey("access_token") || query.ContainsKey("token") || query.ContainsKey("jwt"))
        {
            await DenyAsync(audit, logger, Denied("token_in_url", null, ip, hostGuid));
            await Unauthorized(context, ReplyMessages.TokenInUrl);
            return;
        }

        Guid? userId;
        Guid? loginId;
        if (query.TryGetValue("ticket", out var ticket))
        {
            (userId, loginId) = await tickets.RedeemWithLoginAsync(ticket.ToString(), hostGuid);
        }
        else
        {
            var auth = await context.AuthenticateAsync(AuthExtensions.Scheme);
            userId = auth.Succeeded ? LoginClaims.UserOf(auth.Principal) : null;
            loginId = auth.Succeeded ? LoginClaims.LoginOf(auth.Principal) : null;
        }

        var user = userId is { } uid ? await users.FindActiveAsync(uid, context.RequestAborted) : null;
        if (user is null)
        {
            await DenyAsync(audit, logger, Denied("auth", null, ip, hostGuid));
            await Unauthorized(context, ReplyMessages.TicketInvalid);
            return;
        }

        // 3. May this user open this host now?
        var openable = await policy.ResolveAsync(user, hostGuid, context.RequestAborted);
        var host = openable?.Host;
        if (host is null)
        {
            await DenyAsync(audit, logger, Denied("not_granted", user.UserName, ip, hostGuid));
            await Results.Json(HostNotFound, statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
            return;
        }

        // A bearer (tools) skips the ticket, so the step-up rule of TicketEndpoint is asked here too.
        if (host.RequireMfa && !query.ContainsKey("ticket") && !await context.RequestServices.GetRequiredService<StepUpClock>().IsFreshAsync(user.Id))
        {
            await DenyAsync(audit, logger, Denied(StepUpEndpoints.StepUpRequired, user.UserName, ip, hostGuid));
            await StepUpEndpoints.Required(ReplyMessages.StepUpHost).ExecuteAsync(context);
            return;
        }

        if (!TryReadSize(query, out var cols, out var rows))
        {
            await DenyAsync(audit, logger, Denied("bad_size", user.UserName, ip, hostGuid));
            await Results.Json(new ApiError(
                ReplyMessages.TerminalSizeInvalid(TerminalLimits.MinCols, TerminalLimits.MaxCols, TerminalLimits.MinRows, TerminalLimits.MaxRows)),
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        // 4. Copy what the session needs out of HttpContext, then upgrade and hand over.
        var sessionId = Guid.NewGuid().ToString("N");
        var sessionRequest = new TerminalSessionRequest
        {
            SessionId = sessionId,
            UserId = user.Id,
            LoginId = loginId,
            UserName = user.UserName,
            HostId = host.Id,
            Target = vault.ToTarget(host, openable!.Login),
            Charset = host.Charset,
            Cols = cols,
            Rows = rows,
            FlowControl = query["flow"] == "1",
            ClientAddress = ip,
            HostName = host.Name,
            RecordInput = host.RecordInput,
            Limits = HostLimitOverrides.Of(host),
        };

        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        await session.RunAsync(webSocket, sessionRequest, lifetime.ApplicationStopping);
    }

    /// <summary>A <c>session.denied</c> event; <paramref name="why"/> is a short code (origin, auth, not_granted...).</summary>
    public static AuditEvent Denied(string why, string? actor, string? ip, Guid? hostId, string? detail = null) => new()
    {
        Type = AuditEventTypes.SessionDenied,
        Actor = actor,
        ClientAddress = ip,
        HostId = hostId is { } id && id != Guid.Empty ? id : null,
        Data = new Dictionary<string, string?> { ["why"] = why, ["detail"] = detail is { Length: > 200 } ? detail[..200] : detail },
    };

    /// <summary>The request is refused either way; a refusal that cannot be audited is logged instead.</summary>
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

    private static bool TryReadSize(IQueryCollection query, out int cols, out int rows)
    {
        cols = 80;
        rows = 24;
        var colsText = query["cols"].ToString();
        var rowsText = query["rows"].ToString();
        if ((colsText.Length > 0 && !int.TryParse(colsText, NumberStyles.None, CultureInfo.InvariantCulture, out cols))
            || (rowsText.Length > 0 && !int.TryParse(rowsText, NumberStyles.None, CultureInfo.InvariantCulture, out rows)))
        {
            return false;
        }

        return TerminalLimits.IsValidSize(cols, rows);
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Refused a terminal upgrade from origin {Origin}")]
    private static partial void LogOriginRefused(ILogger logger, string origin);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Could not audit a refused terminal request")]
    private static partial void LogDenialNotAudited(ILogger logger, Exception exception);
}
