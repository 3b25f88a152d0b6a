using Bastion.Core.Inventory;
using Bastion.Core.Storage;
using Bastion.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Access;

/// <summary>
/// The user directory's rules for admins: name and password policy, known roles, valid group names, unique names,
/// and that an admin cannot lock themselves out. Outcomes are <see cref="ChangeResult{T}"/> values with field errors
/// keyed by the API's JSON names.
/// </summary>
internal sealed class UserAccounts(BastionDbContext db, IUserPasswordHasher hasher, TimeProvider time)
{
    public static readonly FieldMessage GroupError = FieldMessages.GroupsFormat;
    public static readonly FieldMessage SelfLockoutError = FieldMessages.SelfLockout;

    public Task<List<User>> ListAsync(CancellationToken cancellationToken) => db.Users.OrderBy(u => u.UserName).ToListAsync(cancellationToken);

    public Task<User?> FindAsync(Guid id, CancellationToken cancellationToken) => db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    /// <summary>The enabled user with this name (trimmed and lower-cased, as names are stored), read-only; null when
    /// no user has it or theirs is disabled. For naming another user, as an owner does for an invitation.</summary>
    public async Task<User?> FindEnabledByNameAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = name.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == normalized, cancellationToken);
        return user is { Disabled: false } ? user : null;
    }

    public async Task<ChangeResult<User>> CreateAsync(NewUser request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = UserNamePolicy.Normalize(request.UserName);
        if (UserNamePolicy.Error(name) is { } nameError)
        {
            errors.Add("username", nameError);
        }

        if (PasswordPolicy.Error(request.Password) is { } passwordError)
        {
            errors.Add("password", passwordError);
        }

        ValidateRolesAndGroups(request.Roles, request.Groups, errors);
        if (errors.Count > 0)
        {
            return ChangeResult<User>.Invalid(errors);
        }

        if (await db.Users.AnyAsync(u => u.UserName == name, cancellationToken))
        {
            return ChangeResult<User>.Conflict(ReplyMessages.UserNameTaken(name));
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
        user.PasswordHash = hasher.Hash(user, request.Password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<User>.Done(user);
    }

    /// <summary>Applies <paramref name="changes"/> to <paramref name="user"/> (from <see cref="FindAsync"/>) on
    /// behalf of <paramref name="actorId"/>, who may not disable themselves or drop their own admin role: the last
    /// way back in would be the database file.</summary>
    public async Task<ChangeResult<User>> UpdateAsync(User user, UserChanges changes, Guid? actorId, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        ValidateRolesAndGroups(changes.Roles, changes.Groups, errors);
        if (actorId == user.Id && (changes.Disabled == true || (changes.Roles is not null && !changes.Roles.Contains(Roles.Admin))))
        {
            errors.Add("roles", SelfLockoutError);
        }

        if (errors.Count > 0)
        {
            return ChangeResult<User>.Invalid(errors);
        }

        if (changes.Roles is not null)
        {
            user.Roles = string.Join(',', changes.Roles.Distinct());
        }

        if (changes.Groups is not null)
        {
            user.Groups = HostTags.FormatGroups(changes.Groups);
        }

        if (changes.Disabled is { } disabled)
        {
            user.Disabled = disabled;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<User>.Done(user);
    }

    public async Task<ChangeResult<User>> SetPasswordAsync(Guid id, string? password, CancellationToken cancellationToken)
    {
        if (PasswordPolicy.Error(password) is { } passwordError)
        {
            return ChangeResult<User>.Invalid("password", passwordError);
        }

        var user = await FindAsync(id, cancellationToken);
        if (user is null)
        {
            return ChangeResult<User>.NotFound(ReplyMessages.UserNotFound);
        }

        user.PasswordHash = hasher.Hash(user, password!);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<User>.Done(user);
    }

    private static void ValidateRolesAndGroups(IReadOnlyList<string>? roles, IReadOnlyList<string>? groups, FieldErrors errors)
    {
        if (roles is not null && roles.Any(r => !Roles.All.Contains(r)))
        {
            errors.Add("roles", FieldMessages.RolesUnknown(Roles.All));
        }

        if (groups is not null && groups.Any(g => !HostTags.IsValidName(g.Trim())))
        {
            errors.Add("groups", GroupError);
        }
    }
}
