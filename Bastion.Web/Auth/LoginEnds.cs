using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Sessions;

namespace Bastion.Web.Auth;

/// <summary>Ends every login of a user from another surface (an admin disabling the user or resetting the password):
/// the logins, their terminals (<c>login_ended</c>) and one <c>auth.login.ended</c> event.</summary>
internal static class LoginEnds
{
    public static async Task EndAllAsync(HttpContext context, User user, string reason, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var ended = await services.GetRequiredService<LoginSessions>().EndAllAsync(user.Id, reason, null, cancellationToken);
        LoginEnding.EndSessionsOf(services.GetRequiredService<ISessionRegistry>(), ended);
        if (ended.Count > 0)
        {
            await services.GetRequiredService<IAuditLog>().AppendAsync(AccountEndpoints.Ended(context, user, ended, reason), cancellationToken);
        }
    }
}
