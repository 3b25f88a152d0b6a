using Bastion.Core.Cluster;
using Bastion.Core.Sessions;
using Bastion.Web.Sessions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Cluster;

internal static class ClusterExtensions
{
    /// <summary>The bus (<c>Bus:Redis</c> set: <see cref="RedisBus"/>, else <see cref="InProcessBus"/>), the session
    /// registry over it, node-to-node attach, and the lease watch (issue 10).</summary>
    public static void AddBastionCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BusOptions>().BindConfiguration(BusOptions.SectionName);
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        var clustered = !string.IsNullOrWhiteSpace(configuration[$"{BusOptions.SectionName}:{nameof(BusOptions.Redis)}"]);
        if (clustered)
        {
            services.AddSingleton<IClusterBus, RedisBus>();
            services.AddSingleton(sp => new ClusterSessionRegistry(sp.GetRequiredService<InProcessSessionRegistry>(), sp.GetRequiredService<IClusterBus>()));
            services.Replace(ServiceDescriptor.Singleton<ISessionRegistry>(sp => sp.GetRequiredService<ClusterSessionRegistry>()));
            services.AddHostedService<ClusterService>();
        }
        else
        {
            services.AddSingleton<IClusterBus, InProcessBus>();
        }

        services.AddSingleton<SharedInvitations>();
        services.AddSingleton<NodeCredentials>();
        services.AddSingleton<AttachProxy>();
    }
}
