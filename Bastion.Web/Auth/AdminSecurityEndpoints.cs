using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Validation;
using Bastion.Web.Admin;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Auth;

/// <summary>Admins see and clear account lockouts (<c>/api/lockouts</c>) and reset a user's second factors
/// (<c>DELETE /api/users/{id}/mfa</c>); each change is audited.</summary>
internal static class AdminSecurityEndpoints
{
    public sealed record LockoutDto(string Username, DateTimeOffset LockedUntil, int Locks);

    /// <summary>The audit record of an MFA reset: what the user had, never a secret.</summary>
    public sealed record MfaResetAudit(Guid Id, string Username, bool Totp, int Passkeys);

    public static void MapAdminSecurityEndpoints(this WebApplication app)
    {
        var lockouts = app.MapGroup("/api/lockouts").RequireAuthorization(Roles.Admin).WithTags(UserEndpoints.Tag);
        lockouts.MapGet("/", ListAsync).WithName("ListLockouts");
        lockouts.MapDelete("/{username}", ClearAsync).WithName("ClearLockout");
        app.MapDelete("/api/users/{id:guid}/mfa", ResetAsync).RequireAuthorization(Roles.Admin).WithTags(UserEndpoints.Tag).WithName("ResetUserMfa");
    }

    private static async Task<Ok<List<LockoutDto>>> ListAsync(LoginLockouts lockouts, CancellationToken cancellationToken) =>
        TypedResults.Ok((await lockouts.ListLockedAsync(cancellationToken)).Select(l => new LockoutDto(l.UserName, l.LockedUntil!.Value, l.Locks)).ToList());

    private static async Task<Results<NoContent, NotFound<ApiError>>> ClearAsync(string username, LoginLockouts lockouts, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await lockouts.ClearAsync(username, cancellationToken))
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.AccountNotLocked));
        }

        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.LockoutCleared,
            Actor = context.User.FindFirst("name")?.Value,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            Data = new Dictionary<string, string?> { ["user"] = LoginLockouts.Normalize(username) },
        }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound<ApiError>>> ResetAsync(Guid id, UserAccounts accounts, SecondFactors factors, StepUpClock clock, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(id, cancellationToken) is not { } user)
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.UserNotFound));
        }

        var before = await factors.ResetAsync(user.Id, cancellationToken);
        await clock.ForgetAsync(user.Id);
        await audit.AppendAsync(context, AuditEventTypes.MfaReset, null, new MfaResetAudit(user.Id, user.UserName, before.Totp, before.Passkeys.Count), null, cancellationToken);
        return TypedResults.NoContent();
    }
}
