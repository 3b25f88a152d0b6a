using Bastion.Core.Access;
using Bastion.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Web;

internal static class TestUsers
{
    /// <summary>Adds a user straight to the database (the user API belongs to the inventory issue).</summary>
    public static async Task<Guid> AddAsync(BastionServer server, string userName, string password, string roles)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        var user = new User { Id = Guid.NewGuid(), UserName = userName, PasswordHash = "", Roles = roles, CreatedAt = DateTimeOffset.UtcNow };
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync().WithTimeout();
        return user.Id;
    }
}
