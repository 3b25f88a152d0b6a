using System.Text.Json;
using System.Text.Json.Serialization;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Auth;

/// <summary>A fresh second factor from a signed-in user (<c>POST /api/auth/step-up</c>): what hosts flagged
/// <c>requireMfa</c> and changes of one's own factors ask for. Wrong codes count against the account's lockout.</summary>
internal static class StepUpEndpoints
{
    /// <summary>The error code of a refusal that a fresh second factor would lift; the client prompts and retries.</summary>
    public const string StepUpRequired = "mfa_step_up_required";

    public sealed record StepUpRequest(
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("passkey")] JsonElement Passkey);

    public static void MapStepUpEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/auth/step-up").WithTags(AuthEndpoints.Tag).RequireAuthorization().RequireRateLimiting(AuthExtensions.LoginRateLimit);
        group.MapPost("/", StepUpAsync).WithName("StepUp").Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status429TooManyRequests);
        group.MapPost("/passkey-options", OptionsAsync).WithName("StepUpPasskeyOptions").Produces<ApiError>(StatusCodes.Status400BadRequest);
    }

    /// <summary>The 403 of an action that needs a fresh second factor: the client sees <see cref="StepUpRequired"/>.</summary>
    public static JsonHttpResult<ApiError> Required(FieldMessage message) =>
        TypedResults.Json(new ApiError(message) { Type = StepUpRequired, Title = StepUpRequired }, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>The 403 of a change to one's own second factors without a fresh one.</summary>
    public static JsonHttpResult<ApiError> OwnFactorsRequired() => Required(ReplyMessages.StepUpOwnFactors);

    private static async Task<Results<NoContent, UnauthorizedHttpResult, JsonHttpResult<ApiError>>> StepUpAsync(
        StepUpRequest request, UserDirectory users, SecondFactors factors, PasskeyCeremony passkeys, StepUpClock clock, LoginLockouts lockouts,
        IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var ip = context.Connection.RemoteIpAddress?.ToString();
        if (await lockouts.RemainingAsync(user.UserName, cancellationToken) is { } remaining)
        {
            return await LoginRefusal.LockedAsync(context, audit, user.UserName, remaining, cancellationToken);
        }

        var method = request.Passkey is { ValueKind: JsonValueKind.Object } assertion
            ? (await passkeys.VerifyStepUpAsync(user.Id, assertion, context, cancellationToken) ? MfaMethods.Passkey : null)
            : MfaMethods.Of(await factors.VerifyAsync(user.Id, request.Code, cancellationToken));
        if (method is null)
        {
            await audit.AppendAsync(new AuditEvent { Type = AuditEventTypes.StepUpFailed, Actor = user.UserName, ClientAddress = ip }, cancellationToken);
            await LockoutAudit.CountFailureAsync(lockouts, audit, user.UserName, ip, cancellationToken);
            // 400, not 401: the caller is signed in, and a client treats a 401 as the end of its session.
            return TypedResults.Json(new ApiError(ReplyMessages.InvalidCode), statusCode: StatusCodes.Status400BadRequest);
        }

        await clock.RecordAsync(user.Id);
        await audit.AppendAsync(new AuditEvent
        {
            Type = method == MfaMethods.RecoveryCode ? AuditEventTypes.RecoveryCodeUsed : AuditEventTypes.StepUpSucceeded,
            Actor = user.UserName,
            ClientAddress = ip,
            Data = new Dictionary<string, string?> { ["method"] = method },
        }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<ContentHttpResult, UnauthorizedHttpResult, JsonHttpResult<ApiError>>> OptionsAsync(UserDirectory users, PasskeyCeremony passkeys, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        return await passkeys.StepUpOptionsAsync(user.Id, context, cancellationToken) is { } json
            ? TypedResults.Text(json, "application/json")
            : TypedResults.Json(new ApiError(ReplyMessages.NoPasskey), statusCode: StatusCodes.Status400BadRequest);
    }
}
