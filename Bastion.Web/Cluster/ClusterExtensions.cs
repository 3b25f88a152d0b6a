using System.Runtime.CompilerServices;
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
            AddRedisBus(services);
        }
        else
        {
            services.AddSingleton<IClusterBus, InProcessBus>();
        }

        services.AddSingleton<SharedInvitations>();
        services.AddSingleton<NodeCredentials>();
        services.AddSingleton<AttachProxy>();
    }

    /// <summary>A method of its own: compiling <see cref="AddBastionCluster"/> then does not load StackExchange.Redis, so
    /// a node without <c>Bus:Redis</c> never maps it (issue 12: an idle node maps only what its configuration uses).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddRedisBus(IServiceCollection services)
    {
        services.AddSingleton<IClusterBus, RedisBus>();
        services.AddSingleton(sp => new ClusterSessionRegistry(sp.GetRequiredService<InProcessSessionRegistry>(), sp.GetRequiredService<IClusterBus>()));
        services.Replace(ServiceDescriptor.Singleton<ISessionRegistry>(sp => sp.GetRequiredService<ClusterSessionRegistry>()));
        services.AddHostedService<ClusterService>();
    }
}
