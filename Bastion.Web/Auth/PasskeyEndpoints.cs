using System.Text.Json;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.Auth;

/// <summary>The signed-in user's passkeys (<c>/api/account/passkeys</c>): register several, name and remove them.
/// Adding a passkey when the user already has a factor, and removing one, need a fresh second factor.</summary>
internal static class PasskeyEndpoints
{
    public const int MaxPasskeysPerUser = 20;

    public sealed record AddPasskeyRequest(string? Name, JsonElement Credential);

    public sealed record PasskeyRenameRequest(string? Name);

    public static void MapPasskeyEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/account/passkeys").WithTags(AuthEndpoints.Tag).RequireAuthorization();
        group.MapPost("/options", OptionsAsync).WithName("PasskeyCreationOptions");
        group.MapPost("/", AddAsync).WithName("AddPasskey").Produces<AccountMfaEndpoints.PasskeyDto>(StatusCodes.Status201Created);
        group.MapPut("/{id:guid}", RenameAsync).WithName("RenamePasskey").Produces<AccountMfaEndpoints.PasskeyDto>();
        group.MapDelete("/{id:guid}", RemoveAsync).WithName("RemovePasskey");
    }

    private static async Task<IResult> OptionsAsync(UserDirectory users, SecondFactors factors, StepUpClock clock, PasskeyCeremony ceremony, BastionDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var status = await factors.StatusAsync(user.Id, cancellationToken);
        if (status.Passkeys.Count >= MaxPasskeysPerUser)
        {
            return TypedResults.Json(new ApiError($"at most {MaxPasskeysPerUser} passkeys per user"), statusCode: StatusCodes.Status409Conflict);
        }

        if (status.Any && !await clock.IsFreshAsync(user.Id))
        {
            return StepUpEndpoints.Required("confirm with your current second factor first");
        }

        return Results.Text(await ceremony.CreationOptionsAsync(user, context, db, cancellationToken), "application/json");
    }

    private static async Task<IResult> AddAsync(AddPasskeyRequest request, UserDirectory users, PasskeyCeremony ceremony, BastionDbContext db, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var name = request.Name?.Trim() ?? "";
        if (NameError(name) is { } error)
        {
            return FormProblems.Of("name", error);
        }

        if (request.Credential is not { ValueKind: JsonValueKind.Object } credential
            || await ceremony.RegisterAsync(user, name, credential, context, db, cancellationToken) is not { } passkey)
        {
            return FormProblems.Of("credential", FieldMessages.PasskeyUnverified);
        }

        db.Passkeys.Add(passkey);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent { Type = AuditEventTypes.PasskeyAdded, Actor = user.UserName, ClientAddress = context.Connection.RemoteIpAddress?.ToString(), Data = new Dictionary<string, string?> { ["name"] = passkey.Name } }, cancellationToken);
        return TypedResults.Created($"/api/account/passkeys/{passkey.Id}", AccountMfaEndpoints.PasskeyDto.From(passkey));
    }

    private static async Task<IResult> RenameAsync(Guid id, PasskeyRenameRequest request, UserDirectory users, BastionDbContext db, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var name = request.Name?.Trim() ?? "";
        if (NameError(name) is { } error)
        {
            return FormProblems.Of("name", error);
        }

        var passkey = await db.Passkeys.FirstOrDefaultAsync(p => p.Id == id && p.UserId == user.Id, cancellationToken);
        if (passkey is null)
        {
            return TypedResults.NotFound(new ApiError("passkey not found"));
        }

        var before = passkey.Name;
        passkey.Name = name;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent { Type = AuditEventTypes.PasskeyRenamed, Actor = user.UserName, ClientAddress = context.Connection.RemoteIpAddress?.ToString(), Data = new Dictionary<string, string?> { ["before"] = before, ["after"] = name } }, cancellationToken);
        return TypedResults.Ok(AccountMfaEndpoints.PasskeyDto.From(passkey));
    }

    private static async Task<IResult> RemoveAsync(Guid id, UserDirectory users, StepUpClock clock, BastionDbContext db, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        if (!await clock.IsFreshAsync(user.Id))
        {
            return StepUpEndpoints.Required("confirm with your current second factor first");
        }

        var passkey = await db.Passkeys.FirstOrDefaultAsync(p => p.Id == id && p.UserId == user.Id, cancellationToken);
        if (passkey is null)
        {
            return TypedResults.NotFound(new ApiError("passkey not found"));
        }

        db.Passkeys.Remove(passkey);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent { Type = AuditEventTypes.PasskeyRemoved, Actor = user.UserName, ClientAddress = context.Connection.RemoteIpAddress?.ToString(), Data = new Dictionary<string, string?> { ["name"] = passkey.Name } }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static FieldMessage? NameError(string name) =>
        name.Length is < 1 or > 64 || name.Any(char.IsControl) ? FieldMessages.NameLength(64) : null;
}
