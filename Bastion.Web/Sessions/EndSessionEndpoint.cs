using Bastion.Core.Sessions;
using Bastion.Web.AuditApi;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Sessions;

/// <summary><c>DELETE /api/sessions/{id}</c>: the owner ends their running session (attached or detached), as
/// <c>{"flag":"end"}</c> does from the terminal. Someone else's, unknown or ended sessions are all 404.</summary>
internal static class EndSessionEndpoint
{
    public static async Task<Results<NoContent, UnauthorizedHttpResult, NotFound<ApiError>>> EndAsync(
        string id, HttpContext context, UserDirectory users, SessionActions sessions, CancellationToken cancellationToken)
    {
        var user = await users.FindActiveAsync(context.User, cancellationToken);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        return await sessions.EndByOwnerAnywhereAsync(id, user.Id) ? TypedResults.NoContent() : TypedResults.NotFound(SessionEndpoints.SessionNotFound());
    }
}
