using Bastion.Core.Ssh;
using Bastion.Core.Terminal;

namespace Bastion.Web.Terminal;

internal static class TerminalExtensions
{
    public static void AddBastionTerminal(this IServiceCollection services)
    {
        services.AddSingleton<TicketStore>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<SshConnector>();
    }

    public static void MapTerminalEndpoints(this WebApplication app)
    {
        app.MapPost("/api/terminal/tickets", TicketEndpoint.IssueAsync).RequireAuthorization();
        app.Map("/ws/terminal/{hostId}", TerminalEndpoint.HandleAsync).AllowAnonymous();
    }
}
