using System.Text.Json.Serialization;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Validation;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Bastion.Web.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Terminal;

internal static class TicketEndpoint
{
    /// <param name="SessionId">Set instead of <paramref name="HostId"/> for a ticket to attach to a running session.</param>
    public sealed record TicketRequest(string? HostId, string? SessionId = null, string? Mode = null);

    public sealed record TicketResponse(
        [property: JsonPropertyName("ticket")] string Ticket,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    public static async Task<Results<Ok<TicketResponse>, UnauthorizedHttpResult, NotFound<ApiError>, JsonHttpResult<ApiError>>> IssueAsync(
        TicketRequest request, HttpContext context, UserDirectory users, AccessPolicy policy, TicketStore tickets, IAuditLog audit,
        Core.Sessions.SessionActions sessions, SessionTickets sessionTickets, Core.Cluster.IClusterBus bus, CancellationToken cancellationToken)
    {
        var user = await users.FindActiveAsync(context.User, cancellationToken);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        if (request.SessionId is { } sessionId)
        {
            return (await SessionTicketEndpoint.IssueAsync(user, sessionId, request.Mode, context, sessions, policy, sessionTickets, audit, bus, cancellationToken)).Result switch
            {
                Ok<TicketResponse> ok => ok,
                NotFound<ApiError> notFound => notFound,
                _ => TypedResults.Unauthorized(),
            };
        }

        var ip = context.Connection.RemoteIpAddress?.ToString();
        _ = Guid.TryParse(request.HostId, out var hostId);
        if (await policy.FindOpenableAsync(user, hostId, cancellationToken) is not { } host)
        {
            await audit.AppendAsync(TerminalEndpoint.Denied("not_granted", user.UserName, ip, hostId == Guid.Empty ? null : hostId), cancellationToken);
            return TypedResults.NotFound(TerminalEndpoint.HostNotFound);
        }

        // A host flagged requireMfa needs a second factor given within Auth:StepUpWindow (issue 11); the client
        // prompts for one (POST /api/auth/step-up) and asks again.
        if (host.RequireMfa && !await context.RequestServices.GetRequiredService<StepUpClock>().IsFreshAsync(user.Id))
        {
            await audit.AppendAsync(TerminalEndpoint.Denied(StepUpEndpoints.StepUpRequired, user.UserName, ip, hostId), cancellationToken);
            return StepUpEndpoints.Required(ReplyMessages.StepUpHost);
        }

        var ticket = await tickets.IssueAsync(user.Id, hostId, LoginClaims.LoginOf(context.User));
        await audit.AppendAsync(new AuditEvent { Type = AuditEventTypes.TicketIssued, Actor = user.UserName, ClientAddress = ip, HostId = hostId }, cancellationToken);
        return TypedResults.Ok(new TicketResponse(ticket, (int)TicketStore.Lifetime.TotalSeconds));
    }
}
