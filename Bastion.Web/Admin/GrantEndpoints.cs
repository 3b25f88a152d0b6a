using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Sessions;
using Bastion.Core.Storage;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.Admin;

/// <summary>Grants (admin only). Exactly one subject (user or user group) and one target (host, host group or label
/// selector); revoking one ends the sessions it allowed within seconds.</summary>
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
        var group = app.MapGroup("/api/grants").RequireAuthorization(Roles.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{id:guid}", RevokeAsync);
    }

    private static async Task<Ok<List<GrantDto>>> ListAsync(BastionDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Grants.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(g => g.CreatedAt).Select(GrantDto.From).ToList());

    private static async Task<Results<Created<GrantDto>, ValidationProblem>> CreateAsync(
        GrantRequest request, HttpContext context, BastionDbContext db, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var subjects = (string.IsNullOrWhiteSpace(request.UserId) ? 0 : 1) + (string.IsNullOrWhiteSpace(request.UserGroup) ? 0 : 1);
        var targets = (string.IsNullOrWhiteSpace(request.HostId) ? 0 : 1) + (string.IsNullOrWhiteSpace(request.HostGroup) ? 0 : 1)
            + (string.IsNullOrWhiteSpace(request.LabelSelector) ? 0 : 1);
        if (subjects != 1)
        {
            errors["userId"] = ["give exactly one of a user or a user group"];
        }
        else if (Guid.TryParse(request.UserId, out var userId) ? !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken) : request.UserId is { Length: > 0 })
        {
            errors["userId"] = ["unknown user"];
        }
        else if (request.UserGroup is { Length: > 0 } ug && !HostTags.IsValidName(ug.Trim()))
        {
            errors["userGroup"] = ["group names use letters, digits and . - _ / (1 to 63 characters)"];
        }

        if (targets != 1)
        {
            errors["hostId"] = ["give exactly one of a host, a host group or a label selector"];
        }
        else if (Guid.TryParse(request.HostId, out var hostId) ? !await db.Hosts.AnyAsync(h => h.Id == hostId, cancellationToken) : request.HostId is { Length: > 0 })
        {
            errors["hostId"] = ["unknown host"];
        }
        else if (request.HostGroup is { Length: > 0 } hg && !HostTags.IsValidName(hg.Trim()))
        {
            errors["hostGroup"] = ["group names use letters, digits and . - _ / (1 to 63 characters)"];
        }
        else if (request.LabelSelector is { Length: > 0 } selector && HostTags.ParseSelector(selector) is null)
        {
            errors["labelSelector"] = ["use key=value[,key=value...]"];
        }

        if (request.NotBefore is { } nb && request.NotAfter is { } na && na <= nb)
        {
            errors["notAfter"] = ["must be after not-before"];
        }

        if (request.Login is { } login && (login.Trim().Length is 0 or > 64))
        {
            errors["login"] = ["a login of 1 to 64 characters, or leave it empty"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var grant = new Grant
        {
            Id = Guid.NewGuid(),
            UserId = Guid.TryParse(request.UserId, out var u) ? u : null,
            UserGroup = string.IsNullOrWhiteSpace(request.UserGroup) ? null : request.UserGroup.Trim(),
            HostId = Guid.TryParse(request.HostId, out var h) ? h : null,
            HostGroup = string.IsNullOrWhiteSpace(request.HostGroup) ? null : request.HostGroup.Trim(),
            LabelSelector = string.IsNullOrWhiteSpace(request.LabelSelector) ? null : request.LabelSelector.Trim(),
            NotBefore = request.NotBefore,
            NotAfter = request.NotAfter,
            LoginOverride = string.IsNullOrWhiteSpace(request.Login) ? null : request.Login.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        db.Grants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        var dto = GrantDto.From(grant);
        await audit.AppendAsync(context, "grant.created", grant.HostId, null, dto, cancellationToken);
        return TypedResults.Created($"/api/grants/{grant.Id}", dto);
    }

    private static async Task<Results<NoContent, NotFound<ApiError>>> RevokeAsync(
        Guid id, HttpContext context, BastionDbContext db, IAuditLog audit, ISessionRegistry registry, CancellationToken cancellationToken)
    {
        var grant = await db.Grants.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (grant is null)
        {
            return TypedResults.NotFound(new ApiError("grant not found"));
        }

        db.Grants.Remove(grant);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(context, "grant.revoked", grant.HostId, GrantDto.From(grant), null, cancellationToken);
        registry.RequestRecheck();
        return TypedResults.NoContent();
    }
}
