using Bastion.Core.Sessions;
using Bastion.Core.Ssh;
using Bastion.Core.Terminal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Terminal;

internal static class TerminalExtensions
{
    public static void AddBastionTerminal(this IServiceCollection services)
    {
        services.AddOptions<TerminalOptions>().BindConfiguration(TerminalOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TerminalOptions>, TerminalOptionsValidator>());
        services.AddOptions<SshOptions>().BindConfiguration(SshOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SshOptions>, SshOptionsValidator>());

        services.AddSingleton<TicketStore>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<SshConnector>();
        services.AddConnectQueue();
        services.AddSingleton<SessionLimitGuard>();
    }

    public static void MapTerminalEndpoints(this WebApplication app)
    {
        app.MapPost("/api/terminal/tickets", TicketEndpoint.IssueAsync).WithName("IssueTerminalTicket").WithTags("Terminal").RequireAuthorization();

        // A WebSocket upgrade, not a REST call: OpenAPI cannot describe it (docs/PROTOCOL.md does), and ApiExplorer
        // leaves out an endpoint mapped for every method.
        app.Map("/ws/terminal/{hostId}", TerminalEndpoint.HandleAsync).AllowAnonymous();
    }
}
