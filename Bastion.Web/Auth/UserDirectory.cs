using System.Security.Claims;
using Bastion.Core.Access;
using Bastion.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.Auth;

/// <summary>Finds users and checks passwords (PBKDF2 via ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>).</summary>
internal sealed class UserDirectory(BastionDbContext db)
{
    private static readonly PasswordHasher<User> s_hasher = new();

    // Checked when the user does not exist, so a wrong name costs as much time as a wrong password.
    private static readonly string s_dummyHash = s_hasher.HashPassword(null!, "not a real password");

    /// <summary>The enabled user with this name and password, or null. Does not say which part was wrong.</summary>
    public async Task<User?> VerifyPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var normalized = userName.Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == normalized, cancellationToken);
        var result = s_hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? s_dummyHash, password);
        if (user is null || user.Disabled || result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = s_hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken);
        }

        return user;
    }

    /// <summary>The current, enabled user behind a validated token; null if the user was deleted or disabled since.</summary>
    public async Task<User?> FindActiveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        return Guid.TryParse(principal.FindFirstValue("sub"), out var id)
            ? await FindActiveAsync(id, cancellationToken)
            : null;
    }

    public async Task<User?> FindActiveAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is { Disabled: false } ? user : null;
    }
}
