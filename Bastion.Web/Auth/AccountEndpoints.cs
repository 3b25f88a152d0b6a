using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Sessions;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Auth;

/// <summary>
/// The signed-in user's own account (issue 11): <c>GET /api/account/logins</c> (live logins: device, address, last
/// used), <c>DELETE /api/account/logins/{id}</c> (end one, with its terminals), <c>POST /api/account/password</c>
/// (needs the current password; ends the user's other logins). API tokens cannot call these
/// (<see cref="ApiTokenScopePolicy"/>).
/// </summary>
internal static class AccountEndpoints
{
    public const string Tag = "Account";

    public sealed record LoginDto(string Id, string Method, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt,
        string? ClientAddress, string? UserAgent, bool Current);

    public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

    public static void MapAccountLoginEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/api/account").RequireAuthorization().WithTags(Tag);
        account.MapGet("/logins", ListLoginsAsync).WithName("ListMyLogins");
        account.MapDelete("/logins/{id:guid}", EndLoginAsync).WithName("EndMyLogin");
        account.MapPost("/password", ChangePasswordAsync).WithName("ChangeMyPassword").RequireRateLimiting(AuthExtensions.LoginRateLimit);
    }

    private static async Task<Results<Ok<List<LoginDto>>, UnauthorizedHttpResult>> ListLoginsAsync(
        HttpContext context, UserDirectory users, LoginSessions logins, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var current = LoginClaims.LoginOf(context.User);
        return TypedResults.Ok((await logins.ListActiveAsync(user.Id, cancellationToken))
            .Select(l => new LoginDto(l.Id.ToString(), l.Method, l.CreatedAt, l.LastSeenAt, l.ExpiresAt, l.ClientAddress, l.UserAgent, l.Id == current))
            .ToList());
    }

    private static async Task<Results<NoContent, NotFound<ApiError>, UnauthorizedHttpResult>> EndLoginAsync(
        Guid id, HttpContext context, UserDirectory users, LoginSessions logins, ISessionRegistry registry, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        if (!await logins.EndAsync(user.Id, id, LoginEndReasons.EndedByUser, cancellationToken))
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.LoginNotFound));
        }

        LoginEnding.EndSessionsOf(registry, [id]);
        await audit.AppendAsync(Ended(context, user, [id], LoginEndReasons.EndedByUser), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ChangePasswordAsync(
        PasswordChangeRequest request, HttpContext context, UserDirectory users, UserAccounts accounts, LoginSessions logins,
        ISessionRegistry registry, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var current = request.CurrentPassword;
        if (string.IsNullOrEmpty(current) || current.Length > PasswordPolicy.MaxLength
            || await users.VerifyPasswordAsync(user.UserName, current, cancellationToken) is null)
        {
            return FormProblems.Of("currentPassword", FieldMessages.CurrentPasswordWrong);
        }

        if (request.NewPassword == current)
        {
            return FormProblems.Of("newPassword", FieldMessages.NewPasswordSame);
        }

        var result = await accounts.SetPasswordAsync(user.Id, request.NewPassword, cancellationToken);
        if (result.Status != ChangeStatus.Done)
        {
            return FormProblems.Of(result.FieldErrors.Renamed("password", "newPassword"));
        }

        var ended = await logins.EndAllAsync(user.Id, LoginEndReasons.PasswordChanged, LoginClaims.LoginOf(context.User), cancellationToken);
        LoginEnding.EndSessionsOf(registry, ended);
        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.PasswordChanged,
            Actor = user.UserName,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            Data = new Dictionary<string, string?> { ["logins_ended"] = ended.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>An <c>auth.login.ended</c> event for logins the user or an admin ended.</summary>
    public static AuditEvent Ended(HttpContext context, User user, IReadOnlyList<Guid> loginIds, string reason) => new()
    {
        Type = AuditEventTypes.LoginEnded,
        Actor = context.User.FindFirst("name")?.Value ?? user.UserName,
        ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
        Data = new Dictionary<string, string?>
        {
            ["user"] = user.UserName,
            ["logins"] = string.Join(',', loginIds),
            ["reason"] = reason,
        },
    };
}
