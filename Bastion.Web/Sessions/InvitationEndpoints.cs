using System.Security.Claims;
using System.Text.Json.Serialization;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Cluster;
using Bastion.Core.Inventory;
using Bastion.Core.Sessions;
using Bastion.Core.Validation;
using Bastion.Web.AuditApi;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Sessions;

/// <summary>
/// <c>/api/sessions/{id}/invitations</c>: the owner of a running session (or an admin) invites a named user to watch
/// it or to type in it for a limited time, lists the open invitations and revokes them. A session the caller may not
/// manage (unknown, ended, someone else's) is the same 404 as <c>GET /api/sessions/{id}</c>. The rules live in
/// <see cref="SessionInvitations"/>.
/// </summary>
internal static class InvitationEndpoints
{
    public sealed record InvitationRequest(string? User, string? Mode, int? Minutes);

    public sealed record InvitationDto(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("sessionId")] string SessionId,
        [property: JsonPropertyName("user")] string User,
        [property: JsonPropertyName("owner")] string Owner,
        [property: JsonPropertyName("mode")] string Mode,
        [property: JsonPropertyName("invitedBy")] string InvitedBy,
        [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt,
        [property: JsonPropertyName("expires_in")] int ExpiresIn)
    {
        public static InvitationDto From(SessionInvitation i, DateTimeOffset now) =>
            new(i.Id, i.SessionId, i.InviteeName, i.OwnerName, i.Mode, i.InvitedBy, i.ExpiresAt, (int)Math.Max(0, Math.Ceiling((i.ExpiresAt - now).TotalSeconds)));
    }

    public static void MapInvitationEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/sessions/{id}/invitations").RequireAuthorization().WithTags("Sessions");
        group.MapGet("/", ListAsync).WithName("ListSessionInvitations");
        group.MapPost("/", CreateAsync).WithName("CreateSessionInvitation");
        group.MapDelete("/{invitationId}", RevokeAsync).WithName("RevokeSessionInvitation");
        app.MapGet("/api/invitations", MineAsync).RequireAuthorization().WithTags("Sessions").WithName("ListMyInvitations");
    }

    /// <summary><c>GET /api/invitations</c>: the caller's own open invitations (the sessions they may watch or type in).</summary>
    private static async Task<Results<Ok<List<InvitationDto>>, UnauthorizedHttpResult>> MineAsync(
        ClaimsPrincipal principal, UserDirectory users, SessionInvitations invitations, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = await users.FindActiveAsync(principal, cancellationToken);
        if (caller is null)
        {
            return TypedResults.Unauthorized();
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok(invitations.ListFor(caller.Id).Select(i => InvitationDto.From(i, now)).ToList());
    }

    private static async Task<Results<Ok<List<InvitationDto>>, UnauthorizedHttpResult, NotFound<ApiError>>> ListAsync(
        string id, ClaimsPrincipal principal, UserDirectory users, SessionInvitations invitations, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = await users.FindActiveAsync(principal, cancellationToken);
        if (caller is null)
        {
            return TypedResults.Unauthorized();
        }

        if (invitations.FindManaged(id, caller.Id, principal.IsInRole(Roles.Admin)) is null)
        {
            return TypedResults.NotFound(SessionEndpoints.SessionNotFound());
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok(invitations.List(id).Select(i => InvitationDto.From(i, now)).ToList());
    }

    private static async Task<Results<Created<InvitationDto>, ValidationProblem, Conflict<ApiError>, UnauthorizedHttpResult, NotFound<ApiError>>> CreateAsync(
        string id, InvitationRequest request, HttpContext context, UserDirectory users, UserAccounts accounts,
        SessionInvitations invitations, SharedInvitations shared, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        // 1. Who asks, and may they manage this session's invitations.
        var caller = await users.FindActiveAsync(context.User, cancellationToken);
        if (caller is null)
        {
            return TypedResults.Unauthorized();
        }

        if (invitations.FindManaged(id, caller.Id, context.User.IsInRole(Roles.Admin)) is not { } session)
        {
            return TypedResults.NotFound(SessionEndpoints.SessionNotFound());
        }

        // 2. The invitee: an existing, enabled user, by name.
        if (string.IsNullOrWhiteSpace(request.User))
        {
            return FormProblems.Of("user", FieldMessages.InviteUserRequired);
        }

        if (await accounts.FindEnabledByNameAsync(request.User, cancellationToken) is not { } invitee)
        {
            return FormProblems.Of("user", FieldMessages.InviteUserUnknown);
        }

        // 3. The rules, then the audit record; an invitation that could not be audited does not stay.
        var result = invitations.Invite(session, invitee.Id, invitee.UserName, request.Mode?.Trim().ToLowerInvariant(), request.Minutes, caller.UserName);
        if (result.Value is not { } invitation)
        {
            return result.Status == ChangeStatus.Conflict
                ? TypedResults.Conflict(new ApiError(result.Problem!))
                : FormProblems.Of(result.FieldErrors);
        }

        try
        {
            await audit.AppendAsync(Event(AuditEventTypes.SessionInvited, invitation, session, context), cancellationToken);
        }
        catch
        {
            invitations.Revoke(id, invitation.Id);
            throw;
        }

        // 4. The other nodes may now issue the invitee a ticket (the attach still comes here to be decided).
        await shared.PublishAsync(invitation);

        var dto = InvitationDto.From(invitation, time.GetUtcNow());
        return TypedResults.Created($"/api/sessions/{Uri.EscapeDataString(id)}/invitations/{invitation.Id}", dto);
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult, NotFound<ApiError>>> RevokeAsync(
        string id, string invitationId, HttpContext context, UserDirectory users, SessionInvitations invitations, SharedInvitations shared,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        var caller = await users.FindActiveAsync(context.User, cancellationToken);
        if (caller is null)
        {
            return TypedResults.Unauthorized();
        }

        if (invitations.FindManaged(id, caller.Id, context.User.IsInRole(Roles.Admin)) is not { } session)
        {
            return TypedResults.NotFound(SessionEndpoints.SessionNotFound());
        }

        if (invitations.Revoke(id, invitationId) is not { } revoked)
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.InvitationNotFound));
        }

        await shared.WithdrawAsync(revoked);

        await audit.AppendAsync(Event(AuditEventTypes.SessionInvitationRevoked, revoked, session, context), cancellationToken);
        return TypedResults.NoContent();
    }

    private static AuditEvent Event(string type, SessionInvitation invitation, LiveSession session, HttpContext context) => new()
    {
        Type = type,
        Actor = context.User.FindFirst("name")?.Value,
        ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
        SessionId = invitation.SessionId,
        HostId = session.HostId,
        Data = new Dictionary<string, string?>
        {
            ["owner"] = invitation.OwnerName,
            ["invitee"] = invitation.InviteeName,
            ["mode"] = invitation.Mode,
            ["expires"] = invitation.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["invitation"] = invitation.Id,
        },
    };
}
