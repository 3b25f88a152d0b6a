using Bastion.Core.Access;

namespace Bastion.Web.Access;

internal static class AccessExtensions
{
    /// <summary>The one access policy (host list, tickets, the terminal, attaches) and the watchdog that re-checks it for
    /// running sessions, ending those that lost access.</summary>
    public static void AddBastionAccess(this IServiceCollection services)
    {
        services.AddScoped<AccessPolicy>();
        services.AddHostedService<AccessWatchdog>();
    }
}
