using System.Text.Json;
using System.Text.Json.Serialization;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Auth;

/// <summary>The second step of a login (<c>POST /api/auth/mfa</c>), TOTP enrolment for a user who must have a
/// factor and has none (<c>/api/auth/mfa/enrol</c>), and the passkey options of a login.</summary>
internal static class MfaEndpoints
{
    public sealed record MfaRequest(
        [property: JsonPropertyName("mfa_token")] string? MfaToken,
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("passkey")] JsonElement Passkey);

    public sealed record EnrolResponse(
        [property: JsonPropertyName("secret")] string Secret,
        [property: JsonPropertyName("otpauth_uri")] string OtpauthUri,
        [property: JsonPropertyName("qr_svg")] string QrSvg);

    /// <summary>The token reply of a login that enrolled on the way: its recovery codes, shown once.</summary>
    public sealed record EnrolledTokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("recovery_codes")] IReadOnlyList<string> RecoveryCodes);

    public static void MapMfaEndpoints(this WebApplication app)
    {
        var auth = app.MapGroup("/api/auth").WithTags(AuthEndpoints.Tag).AllowAnonymous().RequireRateLimiting(AuthExtensions.LoginRateLimit);
        auth.MapPost("/mfa", VerifyAsync).WithName("VerifySecondFactor")
            .Produces<ApiError>(StatusCodes.Status401Unauthorized).Produces<ApiError>(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/mfa/enrol", EnrolAsync).WithName("EnrolAtLogin").Produces<ApiError>(StatusCodes.Status401Unauthorized);
        auth.MapPost("/mfa/passkey-options", PasskeyOptionsAsync).WithName("LoginPasskeyOptions")
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status401Unauthorized);
    }

    private static async Task<Results<Ok<TokenResponse>, Ok<EnrolledTokenResponse>, JsonHttpResult<ApiError>>> VerifyAsync(
        MfaRequest request, MfaChallenges challenges, UserDirectory users, SecondFactors factors, PasskeyCeremony passkeys,
        LoginLockouts lockouts, LoginCompletion completion, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var ip = context.Connection.RemoteIpAddress?.ToString();
        if (await challenges.FindAsync(request.MfaToken) is not { } challenge || await users.FindActiveAsync(challenge.UserId, cancellationToken) is not { } user)
        {
            return Unauthorized(ReplyMessages.SignInExpired);
        }

        if (await lockouts.RemainingAsync(challenge.UserName, cancellationToken) is { } remaining)
        {
            return await LoginRefusal.LockedAsync(context, audit, challenge.UserName, remaining, cancellationToken);
        }

        // 1. The factor: the first code of an enrolment, a passkey assertion, or a TOTP or recovery code.
        IReadOnlyList<string>? recoveryCodes = null;
        string? method;
        if (challenge.Enrol)
        {
            recoveryCodes = await factors.ConfirmTotpAsync(user, request.Code, cancellationToken);
            method = recoveryCodes is null ? null : MfaMethods.Totp;
        }
        else if (request.Passkey is { ValueKind: JsonValueKind.Object } assertion)
        {
            var options = await challenges.TakePasskeyOptionsAsync(request.MfaToken!); // one assertion per issued options
            method = options is not null && await passkeys.VerifyAsync(user.Id, options, assertion, context, cancellationToken) ? MfaMethods.Passkey : null;
        }
        else
        {
            method = MfaMethods.Of(await factors.VerifyAsync(user.Id, request.Code, cancellationToken));
        }

        // 2. A wrong factor counts against the challenge and the account.
        if (method is null)
        {
            await challenges.FailAsync(request.MfaToken!);
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.MfaFailed,
                Actor = user.UserName,
                ClientAddress = ip,
                Data = new Dictionary<string, string?> { ["reason"] = "invalid code" },
            }, cancellationToken);
            await LockoutAudit.CountFailureAsync(lockouts, audit, user.UserName, ip, cancellationToken);
            return Unauthorized(ReplyMessages.InvalidCode);
        }

        // 3. The token is used up (two requests racing with right codes: one wins), then the login completes.
        if (!await challenges.ConsumeAsync(request.MfaToken!))
        {
            return Unauthorized(ReplyMessages.SignInExpired);
        }

        if (method == MfaMethods.RecoveryCode)
        {
            await audit.AppendAsync(new AuditEvent { Type = AuditEventTypes.RecoveryCodeUsed, Actor = user.UserName, ClientAddress = ip }, cancellationToken);
        }

        if (recoveryCodes is not null)
        {
            await audit.AppendAsync(new AuditEvent { Type = AuditEventTypes.MfaEnrolled, Actor = user.UserName, ClientAddress = ip, Data = new Dictionary<string, string?> { ["method"] = MfaMethods.Totp } }, cancellationToken);
        }

        var token = await completion.CompleteAsync(user, method, context, cancellationToken);
        return recoveryCodes is null
            ? TypedResults.Ok(token)
            : TypedResults.Ok(new EnrolledTokenResponse(token.AccessToken, token.TokenType, token.ExpiresIn, recoveryCodes));
    }

    private static async Task<Results<Ok<EnrolResponse>, JsonHttpResult<ApiError>>> EnrolAsync(MfaRequest request, MfaChallenges challenges, UserDirectory users, SecondFactors factors, CancellationToken cancellationToken)
    {
        if (await challenges.FindAsync(request.MfaToken) is not { Enrol: true } challenge || await users.FindActiveAsync(challenge.UserId, cancellationToken) is not { } user)
        {
            return Unauthorized(ReplyMessages.SignInExpired);
        }

        var enrolment = await factors.BeginTotpAsync(user, cancellationToken);
        return TypedResults.Ok(new EnrolResponse(enrolment.Secret, enrolment.Uri, QrSvg.Render(enrolment.Uri)));
    }

    private static async Task<Results<ContentHttpResult, JsonHttpResult<ApiError>>> PasskeyOptionsAsync(MfaRequest request, MfaChallenges challenges, PasskeyCeremony passkeys, HttpContext context, CancellationToken cancellationToken)
    {
        if (await challenges.FindAsync(request.MfaToken) is not { Enrol: false } challenge)
        {
            return Unauthorized(ReplyMessages.SignInExpired);
        }

        var options = await passkeys.AssertionOptionsAsync(challenge.UserId, context, cancellationToken);
        if (options is null)
        {
            return TypedResults.Json(new ApiError(ReplyMessages.NoPasskey), statusCode: StatusCodes.Status400BadRequest);
        }

        await challenges.SetPasskeyOptionsAsync(request.MfaToken!, options);
        return TypedResults.Text(options, "application/json");
    }

    private static JsonHttpResult<ApiError> Unauthorized(FieldMessage message) => TypedResults.Json(new ApiError(message), statusCode: StatusCodes.Status401Unauthorized);
}
