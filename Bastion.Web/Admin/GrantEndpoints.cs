using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Sessions;
using Bastion.Core.Transfer;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Admin;

/// <summary>Grants (admin only). Exactly one subject (user or user group) and one target (host, host group or label
/// selector); revoking one ends the sessions it allowed within seconds. The rules live in <see cref="GrantService"/>.</summary>
internal static class GrantEndpoints
{
    public sealed record GrantRequest(
        string? UserId, string? UserGroup, string? HostId, string? HostGroup, string? LabelSelector,
        DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, string? Login, bool? AllowUpload = null, bool? AllowDownload = null);

    /// <summary>The body of <c>PATCH /api/grants/{id}</c>: either flag, or both; one left out keeps its value.</summary>
    public sealed record GrantTransferRequest(bool? AllowUpload, bool? AllowDownload);

    public sealed record GrantDto(
        string Id, string? UserId, string? UserGroup, string? HostId, string? HostGroup, string? LabelSelector,
        DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, string? Login, bool AllowUpload, bool AllowDownload)
    {
        /// <summary>The flags as they apply: a grant that never set one follows <c>Transfer:DefaultAllow</c>.</summary>
        public static GrantDto From(Grant g, bool defaultAllow) => new(g.Id.ToString(), g.UserId?.ToString(), g.UserGroup, g.HostId?.ToString(), g.HostGroup,
            g.LabelSelector, g.NotBefore, g.NotAfter, g.LoginOverride, g.AllowUpload ?? defaultAllow, g.AllowDownload ?? defaultAllow);
    }

    /// <summary>What a new grant allows when it sets no flag (<c>Transfer:DefaultAllow</c>), for the admin's form.</summary>
    public sealed record GrantDefaultsDto(bool AllowUpload, bool AllowDownload);

    public static void MapGrantEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/grants").RequireAuthorization(Roles.Admin).WithTags("Grants");
        group.MapGet("/", ListAsync).WithName("ListGrants");
        group.MapGet("/defaults", (IOptions<TransferOptions> transfer) => TypedResults.Ok(new GrantDefaultsDto(transfer.Value.DefaultAllow, transfer.Value.DefaultAllow)))
            .WithName("GetGrantDefaults");
        group.MapPost("/", CreateAsync).WithName("CreateGrant");
        group.MapPatch("/{id:guid}", SetTransferAsync).WithName("SetGrantTransfer");
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeGrant");
    }

    private static async Task<Ok<List<GrantDto>>> ListAsync(GrantService grants, IOptions<TransferOptions> transfer, CancellationToken cancellationToken) =>
        TypedResults.Ok((await grants.ListAsync(cancellationToken)).Select(g => GrantDto.From(g, transfer.Value.DefaultAllow)).ToList());

    private static async Task<Results<Created<GrantDto>, ValidationProblem>> CreateAsync(
        GrantRequest request, HttpContext context, GrantService grants, IAuditLog audit, IOptions<TransferOptions> transfer, CancellationToken cancellationToken)
    {
        var result = await grants.CreateAsync(
            new NewGrant(request.UserId, request.UserGroup, request.HostId, request.HostGroup, request.LabelSelector, request.NotBefore, request.NotAfter, request.Login,
                request.AllowUpload, request.AllowDownload),
            cancellationToken);
        if (result.Value is not { } grant)
        {
            return FormProblems.Of(result.FieldErrors);
        }

        var dto = GrantDto.From(grant, transfer.Value.DefaultAllow);
        await audit.AppendAsync(context, AuditEventTypes.GrantCreated, grant.HostId, null, dto, cancellationToken);
        return TypedResults.Created($"/api/grants/{grant.Id}", dto);
    }

    private static async Task<Results<Ok<GrantDto>, NotFound<ApiError>>> SetTransferAsync(
        Guid id, GrantTransferRequest request, HttpContext context, GrantService grants, IAuditLog audit, IOptions<TransferOptions> transfer, CancellationToken cancellationToken)
    {
        var result = await grants.SetTransferAsync(id, request.AllowUpload, request.AllowDownload, cancellationToken);
        if (result.Value is not { } change)
        {
            return TypedResults.NotFound(new ApiError(result.Problem!));
        }

        var defaultAllow = transfer.Value.DefaultAllow;
        var dto = GrantDto.From(change.Grant, defaultAllow);
        var before = new { allowUpload = change.AllowUploadBefore ?? defaultAllow, allowDownload = change.AllowDownloadBefore ?? defaultAllow };
        await audit.AppendAsync(context, AuditEventTypes.GrantUpdated, change.Grant.HostId, before, new { allowUpload = dto.AllowUpload, allowDownload = dto.AllowDownload }, cancellationToken);
        return TypedResults.Ok(dto);
    }

    private static async Task<Results<NoContent, NotFound<ApiError>>> RevokeAsync(
        Guid id, HttpContext context, GrantService grants, IAuditLog audit, IOptions<TransferOptions> transfer, ISessionRegistry registry, CancellationToken cancellationToken)
    {
        var result = await grants.RevokeAsync(id, cancellationToken);
        if (result.Value is not { } grant)
        {
            return TypedResults.NotFound(new ApiError(result.Problem!));
        }

        await audit.AppendAsync(context, AuditEventTypes.GrantRevoked, grant.HostId, GrantDto.From(grant, transfer.Value.DefaultAllow), null, cancellationToken);
        registry.RequestRecheck();
        return TypedResults.NoContent();
    }
}
