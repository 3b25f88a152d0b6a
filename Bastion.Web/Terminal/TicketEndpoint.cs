using System.Text.Json.Serialization;
using Bastion.Core.Access;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Terminal;

internal static class TicketEndpoint
{
    public sealed record TicketRequest(string? HostId);

    public sealed record TicketResponse(
        [property: JsonPropertyName("ticket")] string Ticket,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    public static async Task<Results<Ok<TicketResponse>, UnauthorizedHttpResult, NotFound<ApiError>>> IssueAsync(
        TicketRequest request, HttpContext context, UserDirectory users, AccessPolicy policy, TicketStore tickets, CancellationToken cancellationToken)
    {
        var user = await users.FindActiveAsync(context.User, cancellationToken);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        if (!Guid.TryParse(request.HostId, out var hostId) || await policy.FindOpenableAsync(user, hostId, cancellationToken) is null)
        {
            return TypedResults.NotFound(TerminalEndpoint.HostNotFound);
        }

        return TypedResults.Ok(new TicketResponse(tickets.Issue(user.Id, hostId), (int)TicketStore.Lifetime.TotalSeconds));
    }
}
