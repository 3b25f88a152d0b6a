using Bastion.Core.Access;
using Microsoft.AspNetCore.Identity;

namespace Bastion.Web.Admin;

/// <summary>PBKDF2 via ASP.NET Core Identity, the same hasher <c>UserDirectory</c> verifies against.</summary>
internal sealed class IdentityPasswordHasher : IUserPasswordHasher
{
    private readonly PasswordHasher<User> _hasher = new();

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);
}
