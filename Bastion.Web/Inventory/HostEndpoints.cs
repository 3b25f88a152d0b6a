using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Host = Bastion.Core.Inventory.Host;
using Bastion.Core.Ssh;
using Bastion.Core.Storage;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.Inventory;

internal static class HostEndpoints
{
    public static void MapHostEndpoints(this WebApplication app)
    {
        var hosts = app.MapGroup("/api/hosts").RequireAuthorization();
        hosts.MapGet("/", ListAsync);
        hosts.MapPost("/", CreateAsync).RequireAuthorization(Roles.Admin);
    }

    private static async Task<Results<Ok<List<HostDto>>, UnauthorizedHttpResult>> ListAsync(
        HttpContext context, UserDirectory users, AccessPolicy policy, CancellationToken cancellationToken)
    {
        var user = await users.FindActiveAsync(context.User, cancellationToken);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var list = await policy.ListOpenableAsync(user, cancellationToken);
        return TypedResults.Ok(list.Select(HostDto.From).ToList());
    }

    private static async Task<Results<Created<HostDto>, ValidationProblem, Conflict<ApiError>>> CreateAsync(
        CreateHostRequest request, BastionDbContext db, CredentialVault vault, TimeProvider time, CancellationToken cancellationToken)
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

        var credential = vault.Create(request.Password, request.PrivateKey, request.Passphrase);
        var host = new Host
        {
            Id = Guid.NewGuid(),
            Name = name,
            Address = request.Address!.Trim(),
            Port = request.Port ?? 22,
            UserName = request.Username!.Trim(),
            HostKeyFingerprint = HostKeyFingerprint.Normalize(request.HostKeyFingerprint),
            Credential = credential,
            CreatedAt = time.GetUtcNow(),
        };
        db.Hosts.Add(host);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/hosts/{host.Id}", HostDto.From(host));
    }
}
