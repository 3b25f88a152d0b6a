using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Sessions;
using Bastion.Core.Ssh;
using Bastion.Core.Storage;
using Bastion.Web.Admin;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Host = Bastion.Core.Inventory.Host;

namespace Bastion.Web.Inventory;

internal static class HostEndpoints
{
    public static void MapHostEndpoints(this WebApplication app)
    {
        var hosts = app.MapGroup("/api/hosts").RequireAuthorization();
        hosts.MapGet("/", ListAsync);
        hosts.MapPost("/", CreateAsync).RequireAuthorization(Roles.Admin);
        hosts.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Roles.Admin);
        hosts.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Roles.Admin);
        hosts.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Roles.Admin);
        app.MapHostKeyEndpoints();
        app.MapHostImportExportEndpoints();
    }

    private static async Task<Results<Ok<List<HostDto>>, UnauthorizedHttpResult>> ListAsync(
        HttpContext context, UserDirectory users, AccessPolicy policy, BastionDbContext db, CancellationToken cancellationToken)
    {
        var user = await users.FindActiveAsync(context.User, cancellationToken);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        // Admins managing the inventory ask for ?all=1: disabled hosts too, with credential names.
        var list = user.IsInRole(Roles.Admin) && context.Request.Query["all"] == "1"
            ? await db.Hosts.Include(h => h.Credential).OrderBy(h => h.Name).ToListAsync(cancellationToken)
            : await policy.ListOpenableAsync(user, cancellationToken);

        return TypedResults.Ok(list.Select(HostDto.From).ToList());
    }

    private static async Task<Results<Ok<HostDto>, NotFound<ApiError>>> GetAsync(Guid id, BastionDbContext db, CancellationToken cancellationToken) =>
        await db.Hosts.Include(h => h.Credential).FirstOrDefaultAsync(h => h.Id == id, cancellationToken) is { } host
            ? TypedResults.Ok(HostDto.From(host))
            : TypedResults.NotFound(new ApiError("host not found"));

    private static async Task<Results<Created<HostDto>, ValidationProblem, Conflict<ApiError>>> CreateAsync(
        CreateHostRequest request, HttpContext context, BastionDbContext db, CredentialVault vault, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var name = request.Name!.Trim();
        if (await db.Hosts.AnyAsync(h => h.Name == name, cancellationToken))
        {
            return TypedResults.Conflict(new ApiError($"a host named '{name}' already exists"));
        }

        var host = new Host { Id = Guid.NewGuid(), Name = name, Address = "", UserName = "", CreatedAt = time.GetUtcNow() };
        if (await ApplyAsync(host, request, db, vault, cancellationToken) is { } problem)
        {
            return problem;
        }

        db.Hosts.Add(host);
        await db.SaveChangesAsync(cancellationToken);
        var dto = HostDto.From(host);
        await audit.AppendAsync(context, "host.created", host.Id, null, dto, cancellationToken);
        return TypedResults.Created($"/api/hosts/{host.Id}", dto);
    }

    private static async Task<Results<Ok<HostDto>, ValidationProblem, Conflict<ApiError>, NotFound<ApiError>>> UpdateAsync(
        Guid id, CreateHostRequest request, HttpContext context, BastionDbContext db, CredentialVault vault, IAuditLog audit, ISessionRegistry registry,
        CancellationToken cancellationToken)
    {
        var errors = request.Validate(isUpdate: true);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var host = await db.Hosts.Include(h => h.Credential).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (host is null)
        {
            return TypedResults.NotFound(new ApiError("host not found"));
        }

        var name = request.Name!.Trim();
        if (await db.Hosts.AnyAsync(h => h.Name == name && h.Id != id, cancellationToken))
        {
            return TypedResults.Conflict(new ApiError($"a host named '{name}' already exists"));
        }

        var before = HostDto.From(host);
        if (await ApplyAsync(host, request, db, vault, cancellationToken) is { } problem)
        {
            return problem;
        }

        await db.SaveChangesAsync(cancellationToken);
        var after = HostDto.From(host);
        await audit.AppendAsync(context, "host.updated", host.Id, before, after, cancellationToken);
        registry.RequestRecheck(); // a disabled host, or changed groups and labels, can end live sessions
        return TypedResults.Ok(after);
    }

    private static async Task<Results<NoContent, NotFound<ApiError>, Conflict<ApiError>>> DeleteAsync(
        Guid id, HttpContext context, BastionDbContext db, IAuditLog audit, ISessionRegistry registry, CancellationToken cancellationToken)
    {
        var host = await db.Hosts.Include(h => h.Credential).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (host is null)
        {
            return TypedResults.NotFound(new ApiError("host not found"));
        }

        if (await db.Hosts.AnyAsync(h => h.GatewayHostId == id, cancellationToken))
        {
            return TypedResults.Conflict(new ApiError($"'{host.Name}' is the gateway of other hosts; change them first"));
        }

        var before = HostDto.From(host);
        db.Hosts.Remove(host);
        if (host.Credential is { Name: null } own)
        {
            db.Credentials.Remove(own);
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(context, "host.deleted", id, before, null, cancellationToken);
        registry.RequestRecheck();
        return TypedResults.NoContent();
    }

    /// <summary>Copies a validated request onto <paramref name="host"/>; returns a field error for references that
    /// do not resolve (shared credential, gateway).</summary>
    private static async Task<ValidationProblem?> ApplyAsync(Host host, CreateHostRequest request, BastionDbContext db, CredentialVault vault, CancellationToken cancellationToken)
    {
        Host? gateway = null;
        if (Guid.TryParse(request.GatewayHostId, out var gatewayId))
        {
            gateway = await db.Hosts.FirstOrDefaultAsync(h => h.Id == gatewayId, cancellationToken);
            if (gateway is null || gateway.Id == host.Id || gateway.GatewayHostId is not null
                || await db.Hosts.AnyAsync(h => h.GatewayHostId == host.Id, cancellationToken))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["gatewayHostId"] = ["the gateway must be another host that has no gateway itself and is not a gateway's target (one hop)"],
                });
            }
        }

        if (Guid.TryParse(request.CredentialId, out var credentialId))
        {
            var shared = await db.Credentials.FirstOrDefaultAsync(c => c.Id == credentialId && c.Name != null, cancellationToken);
            if (shared is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["credentialId"] = ["unknown credential"] });
            }

            if (host.Credential is { Name: null } own && own.Id != shared.Id)
            {
                db.Credentials.Remove(own);
            }

            host.Credential = shared;
            host.CredentialId = shared.Id;
        }
        else if (request.HasSecret)
        {
            if (host.Credential is { Name: null } own)
            {
                vault.Replace(own, request.Password, request.PrivateKey, request.Passphrase);
            }
            else
            {
                host.Credential = vault.Create(request.Password, request.PrivateKey, request.Passphrase);
            }
        }

        host.Name = request.Name!.Trim();
        host.Address = request.Address!.Trim();
        host.Port = request.Port ?? 22;
        host.UserName = request.Username!.Trim();
        host.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        host.Labels = HostTags.FormatLabels(request.Labels);
        host.Groups = HostTags.FormatGroups(request.Groups);
        host.Enabled = request.Enabled ?? true;
        host.RecordInput = request.RecordInput ?? false; // keystrokes (passwords typed at prompts too) only on request
        host.Charset = string.IsNullOrWhiteSpace(request.Charset) ? "utf-8" : request.Charset.Trim().ToLowerInvariant();
        host.GatewayHostId = gateway?.Id;
        host.Gateway = gateway;
        var pin = HostKeyFingerprint.Normalize(request.HostKeyFingerprint);
        if (pin is not null && pin != host.HostKeyFingerprint)
        {
            host.HostKeyFingerprint = pin;
            host.HostKeyType = null;
        }

        return null;
    }
}
