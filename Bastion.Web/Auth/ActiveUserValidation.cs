using System.Security.Claims;
using Bastion.Core.Access;
using Bastion.Core.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.Auth;

/// <summary>
/// Runs after a token's signature and lifetime check: the user must still exist and be enabled, the login the token
/// names (<c>sid</c>) must still be live (not logged out, idle or past its absolute end: issue 11), and the roles that
/// count are the ones in the database now, not the ones baked into the token. So disabling a user, removing a role or
/// logging out takes effect on the next request, not when the token expires (issue #3).
/// </summary>
internal static class ActiveUserValidation
{
    public static async Task ValidateAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (principal is null || LoginClaims.UserOf(principal) is not { } id)
        {
            context.Fail("token has no user");
            return;
        }

        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<BastionDbContext>();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled)
        {
            context.Fail("user disabled or deleted");
            return;
        }

        if (LoginClaims.LoginOf(principal) is not { } loginId
            || await services.GetRequiredService<LoginSessions>().CheckAsync(loginId, user, context.HttpContext.RequestAborted) is not null)
        {
            context.Fail("the login has ended");
            return;
        }

        var claims = principal.Claims.Where(c => c.Type != "role").Concat(user.RoleList.Select(r => new Claim("role", r)));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, principal.Identity?.AuthenticationType, "name", "role"));
    }
}
