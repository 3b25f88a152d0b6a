using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Sessions;
using Bastion.Core.Validation;
using Bastion.Web.Admin;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Inventory;

/// <summary>The host inventory: anyone signed in lists the hosts they may open; admins create, change and delete.
/// The rules live in <see cref="HostService"/>; these handlers check the form, call it and map its result.</summary>
internal static class HostEndpoints
{
    public const string Tag = "Hosts";

    public static void MapHostEndpoints(this WebApplication app)
    {
        var hosts = app.MapGroup("/api/hosts").RequireAuthorization().WithTags(Tag);
        hosts.MapGet("/", ListAsync).WithName("ListHosts");
        hosts.MapPost("/", CreateAsync).RequireAuthorization(Roles.Admin).WithName("CreateHost");
        hosts.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Roles.Admin).WithName("GetHost");
        hosts.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Roles.Admin).WithName("UpdateHost");
        hosts.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Roles.Admin).WithName("DeleteHost");
        app.MapHostKeyEndpoints();
        app.MapHostImportExportEndpoints();
        app.MapHostTestEndpoints();
    }

    /// <summary>A page of the hosts the caller may open; admins managing the inventory ask for <c>?all=1</c>: disabled
    /// hosts too, with credential names. The body stays a list (as before paging, issue 14); the total of matching
    /// hosts is the <c>X-Total-Count</c> header and the next page's cursor <c>X-Next-Cursor</c> (absent on the last).</summary>
    private static async Task<Results<Ok<List<HostDto>>, ValidationProblem, UnauthorizedHttpResult>> ListAsync(
        [AsParameters] HostListRequest request, HttpContext context, UserDirectory users, AccessPolicy policy, HostListing listing,
        CancellationToken cancellationToken)
    {
        var user = await users.FindActiveAsync(context.User, cancellationToken);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return FormProblems.Of(errors);
        }

        var inventory = user.IsInRole(Roles.Admin) && request.All == "1";
        var access = inventory ? null : await policy.OpenableFilterAsync(user, cancellationToken);
        var page = await listing.ListAsync(request.ToQuery(inventory), access, cancellationToken);
        HostPageHeaders.Write(context.Response, page);
        return TypedResults.Ok(page.Hosts.Select(HostDto.From).ToList());
    }

    private static async Task<Results<Ok<HostDto>, NotFound<ApiError>>> GetAsync(Guid id, HostService hosts, CancellationToken cancellationToken) =>
        await hosts.FindAsync(id, cancellationToken) is { } host
            ? TypedResults.Ok(HostDto.From(host))
            : TypedResults.NotFound(new ApiError(ReplyMessages.HostNotFound));

    private static async Task<Results<Created<HostDto>, ValidationProblem, Conflict<ApiError>>> CreateAsync(
        CreateHostRequest request, [AsParameters] HostChangeServices services)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return FormProblems.Of(errors);
        }

        var result = await services.Hosts.CreateAsync(request.ToChanges(), services.CancellationToken);
        if (result.Value is not { } host)
        {
            return result.Status == ChangeStatus.Conflict ? TypedResults.Conflict(new ApiError(result.Problem!)) : FormProblems.Of(result.FieldErrors);
        }

        var dto = HostDto.From(host);
        await services.Audit.AppendAsync(services.Context, AuditEventTypes.HostCreated, host.Id, null, dto, services.CancellationToken);
        return TypedResults.Created($"/api/hosts/{host.Id}", dto);
    }

    private static async Task<Results<Ok<HostDto>, ValidationProblem, Conflict<ApiError>, NotFound<ApiError>>> UpdateAsync(
        Guid id, CreateHostRequest request, [AsParameters] HostChangeServices services)
    {
        var errors = request.Validate(isUpdate: true);
        if (errors.Count > 0)
        {
            return FormProblems.Of(errors);
        }

        var host = await services.Hosts.FindAsync(id, services.CancellationToken);
        if (host is null)
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.HostNotFound));
        }

        var before = HostDto.From(host);
        var result = await services.Hosts.UpdateAsync(host, request.ToChanges(), services.CancellationToken);
        if (result.Status != ChangeStatus.Done)
        {
            return result.Status == ChangeStatus.Conflict ? TypedResults.Conflict(new ApiError(result.Problem!)) : FormProblems.Of(result.FieldErrors);
        }

        var after = HostDto.From(host);
        await services.Audit.AppendAsync(services.Context, AuditEventTypes.HostUpdated, host.Id, before, after, services.CancellationToken);
        services.Registry.RequestRecheck(); // a disabled host, or changed groups and labels, can end live sessions
        return TypedResults.Ok(after);
    }

    private static async Task<Results<NoContent, NotFound<ApiError>, Conflict<ApiError>>> DeleteAsync(Guid id, [AsParameters] HostChangeServices services)
    {
        var host = await services.Hosts.FindAsync(id, services.CancellationToken);
        if (host is null)
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.HostNotFound));
        }

        var before = HostDto.From(host);
        var result = await services.Hosts.DeleteAsync(host, services.CancellationToken);
        if (result.Status != ChangeStatus.Done)
        {
            return TypedResults.Conflict(new ApiError(result.Problem!));
        }

        await services.Audit.AppendAsync(services.Context, AuditEventTypes.HostDeleted, id, before, null, services.CancellationToken);
        services.Registry.RequestRecheck();
        return TypedResults.NoContent();
    }
}
