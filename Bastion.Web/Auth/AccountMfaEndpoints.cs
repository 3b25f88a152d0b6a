using System.Text.Json.Serialization;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Auth;

/// <summary>The signed-in user's own second factors (<c>/api/account/mfa</c>): status, TOTP enrolment and removal,
/// new recovery codes. Replacing or removing a factor needs a fresh second factor when the user has one.</summary>
internal static class AccountMfaEndpoints
{
    public sealed record PasskeyDto(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
    {
        public static PasskeyDto From(Passkey p) => new(p.Id.ToString(), p.Name, p.CreatedAt, p.LastUsedAt);
    }

    public sealed record MfaStatusDto(bool Totp, int RecoveryCodesLeft, IReadOnlyList<PasskeyDto> Passkeys, bool Required, bool StepUpFresh);

    public sealed record CodeRequest(string? Code);

    public sealed record RecoveryCodesResponse([property: JsonPropertyName("recoveryCodes")] IReadOnlyList<string> RecoveryCodes);

    public static void MapAccountMfaEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/account/mfa").WithTags(AuthEndpoints.Tag).RequireAuthorization();
        group.MapGet("/", StatusAsync).WithName("GetOwnMfa");
        group.MapPost("/totp", BeginAsync).WithName("BeginTotp").Produces<ApiError>(StatusCodes.Status403Forbidden);
        group.MapPost("/totp/confirm", ConfirmAsync).WithName("ConfirmTotp");
        group.MapDelete("/totp", RemoveAsync).WithName("RemoveTotp").Produces<ApiError>(StatusCodes.Status403Forbidden);
        group.MapPost("/recovery-codes", RegenerateAsync).WithName("RegenerateRecoveryCodes")
            .Produces<ApiError>(StatusCodes.Status403Forbidden).Produces<ApiError>(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<MfaStatusDto>, UnauthorizedHttpResult>> StatusAsync(UserDirectory users, SecondFactors factors, StepUpClock clock, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var status = await factors.StatusAsync(user.Id, cancellationToken);
        return TypedResults.Ok(new MfaStatusDto(status.Totp, status.RecoveryCodesLeft, [.. status.Passkeys.Select(PasskeyDto.From)], factors.MustHave(user), await clock.IsFreshAsync(user.Id)));
    }

    private static async Task<Results<Ok<MfaEndpoints.EnrolResponse>, UnauthorizedHttpResult, JsonHttpResult<ApiError>>> BeginAsync(UserDirectory users, SecondFactors factors, StepUpClock clock, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        if ((await factors.StatusAsync(user.Id, cancellationToken)).Totp && !await clock.IsFreshAsync(user.Id))
        {
            return StepUpEndpoints.OwnFactorsRequired();
        }

        var enrolment = await factors.BeginTotpAsync(user, cancellationToken);
        return TypedResults.Ok(new MfaEndpoints.EnrolResponse(enrolment.Secret, enrolment.Uri, QrSvg.Render(enrolment.Uri)));
    }

    private static async Task<Results<Ok<RecoveryCodesResponse>, UnauthorizedHttpResult, ValidationProblem>> ConfirmAsync(CodeRequest request, UserDirectory users, SecondFactors factors, StepUpClock clock, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        if (await factors.ConfirmTotpAsync(user, request.Code, cancellationToken) is not { } codes)
        {
            return FormProblems.Of("code", FieldMessages.TotpMismatch);
        }

        await clock.RecordAsync(user.Id);
        await audit.AppendOwnAsync(context, user, AuditEventTypes.MfaEnrolled, new Dictionary<string, string?> { ["method"] = MfaMethods.Totp }, cancellationToken);
        return TypedResults.Ok(new RecoveryCodesResponse(codes));
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult, JsonHttpResult<ApiError>, NotFound<ApiError>>> RemoveAsync(UserDirectory users, SecondFactors factors, StepUpClock clock, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        if (!await clock.IsFreshAsync(user.Id))
        {
            return StepUpEndpoints.OwnFactorsRequired();
        }

        if (!await factors.RemoveTotpAsync(user.Id, cancellationToken))
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.NoAuthenticator));
        }

        await audit.AppendOwnAsync(context, user, AuditEventTypes.MfaRemoved, new Dictionary<string, string?> { ["method"] = MfaMethods.Totp }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<RecoveryCodesResponse>, UnauthorizedHttpResult, JsonHttpResult<ApiError>>> RegenerateAsync(UserDirectory users, SecondFactors factors, StepUpClock clock, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        if (!(await factors.StatusAsync(user.Id, cancellationToken)).Any)
        {
            return TypedResults.Json(new ApiError(ReplyMessages.SecondFactorFirst), statusCode: StatusCodes.Status409Conflict);
        }

        if (!await clock.IsFreshAsync(user.Id))
        {
            return StepUpEndpoints.OwnFactorsRequired();
        }

        var codes = await factors.RegenerateRecoveryCodesAsync(user.Id, cancellationToken);
        await audit.AppendOwnAsync(context, user, AuditEventTypes.RecoveryCodesRegenerated, null, cancellationToken);
        return TypedResults.Ok(new RecoveryCodesResponse(codes));
    }
}
