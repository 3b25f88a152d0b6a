using System.Text.Json;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Auth;

/// <summary>The signed-in user's passkeys (<c>/api/account/passkeys</c>): register several, name and remove them.
/// Adding a passkey when the user already has a factor, and removing one, need a fresh second factor.</summary>
internal static class PasskeyEndpoints
{
    public sealed record AddPasskeyRequest(string? Name, JsonElement Credential);

    public sealed record PasskeyRenameRequest(string? Name);

    public static void MapPasskeyEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/account/passkeys").WithTags(AuthEndpoints.Tag).RequireAuthorization();
        group.MapPost("/options", OptionsAsync).WithName("PasskeyCreationOptions")
            .Produces<ApiError>(StatusCodes.Status403Forbidden).Produces<ApiError>(StatusCodes.Status409Conflict);
        group.MapPost("/", AddAsync).WithName("AddPasskey");
        group.MapPut("/{id:guid}", RenameAsync).WithName("RenamePasskey");
        group.MapDelete("/{id:guid}", RemoveAsync).WithName("RemovePasskey").Produces<ApiError>(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<ContentHttpResult, UnauthorizedHttpResult, JsonHttpResult<ApiError>>> OptionsAsync(UserDirectory users, SecondFactors factors, StepUpClock clock, PasskeyCeremony ceremony, Passkeys passkeys, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var status = await factors.StatusAsync(user.Id, cancellationToken);
        if (status.Passkeys.Count >= Passkeys.MaxPerUser)
        {
            return TypedResults.Json(new ApiError(Passkeys.TooMany), statusCode: StatusCodes.Status409Conflict);
        }

        if (status.Any && !await clock.IsFreshAsync(user.Id))
        {
            return StepUpEndpoints.OwnFactorsRequired();
        }

        return TypedResults.Text(await ceremony.CreationOptionsAsync(user, context, passkeys, cancellationToken), "application/json");
    }

    private static async Task<Results<Created<AccountMfaEndpoints.PasskeyDto>, UnauthorizedHttpResult, ValidationProblem>> AddAsync(AddPasskeyRequest request, UserDirectory users, PasskeyCeremony ceremony, Passkeys passkeys, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        if (Passkeys.ValidName(request.Name) is not { } name)
        {
            return FormProblems.Of("name", Passkeys.NameRule);
        }

        if (request.Credential is not { ValueKind: JsonValueKind.Object } credential
            || await ceremony.RegisterAsync(user, name, credential, context, passkeys, cancellationToken) is not { } passkey)
        {
            return FormProblems.Of("credential", FieldMessages.PasskeyUnverified);
        }

        await passkeys.AddAsync(passkey, cancellationToken);
        await audit.AppendOwnAsync(context, user, AuditEventTypes.PasskeyAdded, new Dictionary<string, string?> { ["name"] = passkey.Name }, cancellationToken);
        return TypedResults.Created($"/api/account/passkeys/{passkey.Id}", AccountMfaEndpoints.PasskeyDto.From(passkey));
    }

    private static async Task<Results<Ok<AccountMfaEndpoints.PasskeyDto>, UnauthorizedHttpResult, ValidationProblem, NotFound<ApiError>>> RenameAsync(Guid id, PasskeyRenameRequest request, UserDirectory users, Passkeys passkeys, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var result = await passkeys.RenameAsync(user.Id, id, request.Name, cancellationToken);
        if (result.Value is not { } renamed)
        {
            return result.Status == ChangeStatus.NotFound
                ? TypedResults.NotFound(new ApiError(result.Problem!))
                : FormProblems.Of(result.FieldErrors);
        }

        await audit.AppendOwnAsync(context, user, AuditEventTypes.PasskeyRenamed, new Dictionary<string, string?> { ["before"] = renamed.Before, ["after"] = renamed.Passkey.Name }, cancellationToken);
        return TypedResults.Ok(AccountMfaEndpoints.PasskeyDto.From(renamed.Passkey));
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult, JsonHttpResult<ApiError>, NotFound<ApiError>>> RemoveAsync(Guid id, UserDirectory users, StepUpClock clock, Passkeys passkeys, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        if (!await clock.IsFreshAsync(user.Id))
        {
            return StepUpEndpoints.OwnFactorsRequired();
        }

        if (await passkeys.RemoveAsync(user.Id, id, cancellationToken) is not { } passkey)
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.PasskeyNotFound));
        }

        await audit.AppendOwnAsync(context, user, AuditEventTypes.PasskeyRemoved, new Dictionary<string, string?> { ["name"] = passkey.Name }, cancellationToken);
        return TypedResults.NoContent();
    }
}
