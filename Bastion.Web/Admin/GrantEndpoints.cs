using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Sessions;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Admin;

/// <summary>Grants (admin only). Exactly one subject (user or user group) and one target (host, host group or label
/// selector); revoking one ends the sessions it allowed within seconds. The rules live in <see cref="GrantService"/>.</summary>
internal static class GrantEndpoints
{
    public sealed record GrantRequest(
        string? UserId, string? UserGroup, string? HostId, string? HostGroup, string? LabelSelector,
        DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, string? Login);

    public sealed record GrantDto(
        string Id, string? UserId, string? UserGroup, string? HostId, string? HostGroup, string? LabelSelector,
        DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, string? Login)
    {
        public static GrantDto From(Grant g) => new(g.Id.ToString(), g.UserId?.ToString(), g.UserGroup, g.HostId?.ToString(), g.HostGroup,
            g.LabelSelector, g.NotBefore, g.NotAfter, g.LoginOverride);
    }

    public static void MapGrantEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/grants").RequireAuthorization(Roles.Admin).WithTags("Grants");
        group.MapGet("/", ListAsync).WithName("ListGrants");
        group.MapPost("/", CreateAsync).WithName("CreateGrant");
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeGrant");
    }

    private static async Task<Ok<List<GrantDto>>> ListAsync(GrantService grants, CancellationToken cancellationToken) =>
        TypedResults.Ok((await grants.ListAsync(cancellationToken)).Select(GrantDto.From).ToList());

    private static async Task<Results<Created<GrantDto>, ValidationProblem>> CreateAsync(
        GrantRequest request, HttpContext context, GrantService grants, IAuditLog audit, CancellationToken cancellationToken)
    {
        var result = await grants.CreateAsync(
            new NewGrant(request.UserId, request.UserGroup, request.HostId, request.HostGroup, request.LabelSelector, request.NotBefore, request.NotAfter, request.Login),
            cancellationToken);
        if (result.Value is not { } grant)
        {
            return TypedResults.ValidationProblem(result.FieldErrors);
        }

        var dto = GrantDto.From(grant);
        await audit.AppendAsync(context, AuditEventTypes.GrantCreated, grant.HostId, null, dto, cancellationToken);
        return TypedResults.Created($"/api/grants/{grant.Id}", dto);
    }

    private static async Task<Results<NoContent, NotFound<ApiError>>> RevokeAsync(
        Guid id, HttpContext context, GrantService grants, IAuditLog audit, ISessionRegistry registry, CancellationToken cancellationToken)
    {
        var result = await grants.RevokeAsync(id, cancellationToken);
        if (result.Value is not { } grant)
        {
            return TypedResults.NotFound(new ApiError(result.Message!));
        }

        await audit.AppendAsync(context, AuditEventTypes.GrantRevoked, grant.HostId, GrantDto.From(grant), null, cancellationToken);
        registry.RequestRecheck();
        return TypedResults.NoContent();
    }
}
