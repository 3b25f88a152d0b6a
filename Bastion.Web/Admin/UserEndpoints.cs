using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Sessions;
using Bastion.Core.Storage;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.Admin;

/// <summary>User management (admin only) and <c>GET /api/me</c> (any signed-in user: who am I, which roles).</summary>
internal static class UserEndpoints
{
    public sealed record CreateUserRequest(string? Username, string? Password, List<string>? Roles, List<string>? Groups);

    public sealed record UpdateUserRequest(List<string>? Roles, List<string>? Groups, bool? Disabled);

    public sealed record PasswordRequest(string? Password);

    public sealed record UserDto(string Id, string Username, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, bool Disabled, DateTimeOffset CreatedAt)
    {
        public static UserDto From(User u) => new(u.Id.ToString(), u.UserName, u.RoleList, u.GroupList, u.Disabled, u.CreatedAt);
    }

    private static readonly PasswordHasher<User> s_hasher = new();

    public static void MapUserEndpoints(this WebApplication app)
    {
        app.MapGet("/api/me", MeAsync).RequireAuthorization();
        var group = app.MapGroup("/api/users").RequireAuthorization(Roles.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:guid}", UpdateAsync);
        group.MapPost("/{id:guid}/password", ResetPasswordAsync);
    }

    private static async Task<Results<Ok<UserDto>, UnauthorizedHttpResult>> MeAsync(HttpContext context, UserDirectory users, CancellationToken cancellationToken) =>
        await users.FindActiveAsync(context.User, cancellationToken) is { } user ? TypedResults.Ok(UserDto.From(user)) : TypedResults.Unauthorized();

    private static async Task<Ok<List<UserDto>>> ListAsync(BastionDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Users.OrderBy(u => u.UserName).ToListAsync(cancellationToken)).Select(UserDto.From).ToList());

    private static void ValidateRolesAndGroups(List<string>? roles, List<string>? groups, Dictionary<string, string[]> errors)
    {
        if (roles is not null && roles.Any(r => !Roles.All.Contains(r)))
        {
            errors["roles"] = [$"roles are {string.Join(", ", Roles.All)}"];
        }

        if (groups is not null && groups.Any(g => !HostTags.IsValidName(g.Trim())))
        {
            errors["groups"] = ["group names use letters, digits and . - _ / (1 to 63 characters)"];
        }
    }

    private static string? PasswordError(string? password) =>
        password is null || password.Length < 12 || password.Length > 1024 ? "a password of 12 to 1024 characters is required" : null;

    private static async Task<Results<Created<UserDto>, ValidationProblem, Conflict<ApiError>>> CreateAsync(
        CreateUserRequest request, HttpContext context, BastionDbContext db, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Username?.Trim().ToLowerInvariant() ?? "";
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            errors["username"] = ["1 to 64 letters, digits, '.', '-' or '_'"];
        }

        if (PasswordError(request.Password) is { } passwordError)
        {
            errors["password"] = [passwordError];
        }

        ValidateRolesAndGroups(request.Roles, request.Groups, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await db.Users.AnyAsync(u => u.UserName == name, cancellationToken))
        {
            return TypedResults.Conflict(new ApiError($"a user named '{name}' already exists"));
        }

        var user = new User
        {
            Id = Guid.NewGuid(),
            UserName = name,
            PasswordHash = "",
            Roles = string.Join(',', (request.Roles ?? []).Distinct()),
            Groups = HostTags.FormatGroups(request.Groups),
            CreatedAt = time.GetUtcNow(),
        };
        user.PasswordHash = s_hasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        var dto = UserDto.From(user);
        await audit.AppendAsync(context, "user.created", null, null, dto, cancellationToken);
        return TypedResults.Created($"/api/users/{user.Id}", dto);
    }

    private static async Task<Results<Ok<UserDto>, ValidationProblem, NotFound<ApiError>>> UpdateAsync(
        Guid id, UpdateUserRequest request, HttpContext context, BastionDbContext db, IAuditLog audit, ISessionRegistry registry, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateRolesAndGroups(request.Roles, request.Groups, errors);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound(new ApiError("user not found"));
        }

        // An admin cannot lock themselves out: the last way back in would be the database file.
        var self = context.User.FindFirst("sub")?.Value == id.ToString();
        if (self && (request.Disabled == true || (request.Roles is not null && !request.Roles.Contains(Roles.Admin))))
        {
            errors["roles"] = ["you cannot disable yourself or remove your own admin role"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var before = UserDto.From(user);
        if (request.Roles is not null)
        {
            user.Roles = string.Join(',', request.Roles.Distinct());
        }

        if (request.Groups is not null)
        {
            user.Groups = HostTags.FormatGroups(request.Groups);
        }

        if (request.Disabled is { } disabled)
        {
            user.Disabled = disabled;
        }

        await db.SaveChangesAsync(cancellationToken);
        var after = UserDto.From(user);
        await audit.AppendAsync(context, user.Disabled && !before.Disabled ? "user.disabled" : "user.updated", null, before, after, cancellationToken);
        registry.RequestRecheck(); // a disabled user's sessions end now, not at the next tick
        return TypedResults.Ok(after);
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound<ApiError>>> ResetPasswordAsync(
        Guid id, PasswordRequest request, HttpContext context, BastionDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (PasswordError(request.Password) is { } passwordError)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [passwordError] });
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound(new ApiError("user not found"));
        }

        user.PasswordHash = s_hasher.HashPassword(user, request.Password!);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(context, "user.password_reset", null, null, new { id = user.Id, username = user.UserName }, cancellationToken);
        return TypedResults.NoContent();
    }
}
