using System.Security.Claims;
using Bastion.Core.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.Auth;

/// <summary>
/// Runs after a token's signature and lifetime check: the user must still exist and be enabled, and the roles that
/// count are the ones in the database now, not the ones baked into the token. So disabling a user or removing a role
/// takes effect on the next request, not when the token expires (issue #3).
/// </summary>
internal static class ActiveUserValidation
{
    public static async Task ValidateAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (principal is null || !Guid.TryParse(principal.FindFirstValue("sub"), out var id))
        {
            context.Fail("token has no user");
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<BastionDbContext>();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled)
        {
            context.Fail("user disabled or deleted");
            return;
        }

        var claims = principal.Claims.Where(c => c.Type != "role").Concat(user.RoleList.Select(r => new Claim("role", r)));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, principal.Identity?.AuthenticationType, "name", "role"));
    }
}
