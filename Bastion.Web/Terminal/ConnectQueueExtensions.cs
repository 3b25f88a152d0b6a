using Bastion.Core.Sessions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Terminal;

internal static class ConnectQueueExtensions
{
    /// <summary>The connect queue (issue 12): its settings under <c>Ssh</c>, checked at start.</summary>
    public static void AddConnectQueue(this IServiceCollection services)
    {
        services.AddOptions<ConnectQueueOptions>().BindConfiguration(ConnectQueueOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConnectQueueOptions>, ConnectQueueOptionsValidator>();
        services.AddSingleton<ConnectQueue>();
        services.AddSingleton<QueuedConnector>();
    }
}
