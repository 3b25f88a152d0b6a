using Bastion.Core.Sessions;
using Bastion.Core.Ssh;

namespace Bastion.Web.Sessions;

internal static class SessionsExtensions
{
    public static void AddBastionSessions(this IServiceCollection services)
    {
        // Fail at start-up, naming the SSH.NET version, rather than open sessions without the internals they rely on.
        SshNetInternals.EnsureSupported();

        services.AddSingleton<InProcessSessionRegistry>();
        services.AddSingleton<ISessionRegistry>(sp => sp.GetRequiredService<InProcessSessionRegistry>());
        services.AddSingleton<SessionActions>();
        services.AddSingleton<TerminalSession>();
        services.AddSingleton<SessionTickets>();
        services.AddSingleton<SessionInvitations>();
        services.AddHostedService<SessionShutdown>();
    }

    public static void MapSessionsEndpoints(this WebApplication app)
    {
        app.Map("/ws/sessions/{sessionId}", AttachEndpoint.HandleAsync).AllowAnonymous();
        app.MapDelete("/api/sessions/{id}", EndSessionEndpoint.EndAsync).RequireAuthorization();
        app.MapInvitationEndpoints();
    }
}
