using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Sessions;
using Bastion.Core.Validation;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Admin;

/// <summary>User management (admin only) and <c>GET /api/me</c> (any signed-in user: who am I, which roles). The
/// rules live in <see cref="UserAccounts"/>; these handlers call it and map its result.</summary>
internal static class UserEndpoints
{
    public const string Tag = "Users";

    public sealed record CreateUserRequest(string? Username, string? Password, List<string>? Roles, List<string>? Groups);

    public sealed record UpdateUserRequest(List<string>? Roles, List<string>? Groups, bool? Disabled);

    public sealed record PasswordRequest(string? Password);

    public sealed record UserDto(string Id, string Username, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, bool Disabled, DateTimeOffset CreatedAt)
    {
        public static UserDto From(User u) => new(u.Id.ToString(), u.UserName, u.RoleList, u.GroupList, u.Disabled, u.CreatedAt);
    }

    /// <summary>The audit record of a password reset: who, never the password.</summary>
    public sealed record PasswordResetAudit(Guid Id, string Username);

    public static void MapUserEndpoints(this WebApplication app)
    {
        app.MapGet("/api/me", MeAsync).RequireAuthorization().WithTags(Tag).WithName("GetMe");
        var group = app.MapGroup("/api/users").RequireAuthorization(Roles.Admin).WithTags(Tag);
        group.MapGet("/", ListAsync).WithName("ListUsers");
        group.MapPost("/", CreateAsync).WithName("CreateUser");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateUser");
        group.MapPost("/{id:guid}/password", ResetPasswordAsync).WithName("ResetUserPassword");
    }

    private static async Task<Results<Ok<UserDto>, UnauthorizedHttpResult>> MeAsync(HttpContext context, UserDirectory users, CancellationToken cancellationToken) =>
        await users.FindActiveAsync(context.User, cancellationToken) is { } user ? TypedResults.Ok(UserDto.From(user)) : TypedResults.Unauthorized();

    private static async Task<Ok<List<UserDto>>> ListAsync(UserAccounts accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok((await accounts.ListAsync(cancellationToken)).Select(UserDto.From).ToList());

    private static async Task<Results<Created<UserDto>, ValidationProblem, Conflict<ApiError>>> CreateAsync(
        CreateUserRequest request, HttpContext context, UserAccounts accounts, IAuditLog audit, CancellationToken cancellationToken)
    {
        var result = await accounts.CreateAsync(new NewUser(request.Username, request.Password, request.Roles, request.Groups), cancellationToken);
        if (result.Value is not { } user)
        {
            return result.Status == ChangeStatus.Conflict ? TypedResults.Conflict(new ApiError(result.Problem!)) : FormProblems.Of(result.FieldErrors);
        }

        var dto = UserDto.From(user);
        await audit.AppendAsync(context, AuditEventTypes.UserCreated, null, null, dto, cancellationToken);
        return TypedResults.Created($"/api/users/{user.Id}", dto);
    }

    private static async Task<Results<Ok<UserDto>, ValidationProblem, NotFound<ApiError>>> UpdateAsync(
        Guid id, UpdateUserRequest request, HttpContext context, UserAccounts accounts, IAuditLog audit, ISessionRegistry registry, CancellationToken cancellationToken)
    {
        var user = await accounts.FindAsync(id, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.UserNotFound));
        }

        var before = UserDto.From(user);
        var actorId = Guid.TryParse(context.User.FindFirst("sub")?.Value, out var sub) ? sub : (Guid?)null;
        var result = await accounts.UpdateAsync(user, new UserChanges(request.Roles, request.Groups, request.Disabled), actorId, cancellationToken);
        if (result.Status != ChangeStatus.Done)
        {
            return FormProblems.Of(result.FieldErrors);
        }

        var after = UserDto.From(user);
        await audit.AppendAsync(context, after.Disabled && !before.Disabled ? AuditEventTypes.UserDisabled : AuditEventTypes.UserUpdated, null, before, after, cancellationToken);
        if (after.Disabled && !before.Disabled)
        {
            await LoginEnds.EndAllAsync(context, user, LoginEndReasons.UserDisabled, cancellationToken);
        }

        registry.RequestRecheck(); // a disabled user's sessions end now, not at the next tick
        return TypedResults.Ok(after);
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound<ApiError>>> ResetPasswordAsync(
        Guid id, PasswordRequest request, HttpContext context, UserAccounts accounts, IAuditLog audit, CancellationToken cancellationToken)
    {
        var result = await accounts.SetPasswordAsync(id, request.Password, cancellationToken);
        if (result.Value is not { } user)
        {
            return result.Status == ChangeStatus.NotFound ? TypedResults.NotFound(new ApiError(result.Problem!)) : FormProblems.Of(result.FieldErrors);
        }

        await audit.AppendAsync(context, AuditEventTypes.UserPasswordReset, null, null, new PasswordResetAudit(user.Id, user.UserName), cancellationToken);
        await LoginEnds.EndAllAsync(context, user, LoginEndReasons.PasswordReset, cancellationToken);
        return TypedResults.NoContent();
    }
}
