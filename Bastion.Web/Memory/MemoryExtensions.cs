using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Memory;

internal static class MemoryExtensions
{
    /// <summary>The compaction after start (<see cref="StartupCompaction"/>, <c>Memory:CompactAfterStart</c>).</summary>
    public static void AddBastionMemory(this IServiceCollection services)
    {
        services.AddOptions<MemoryOptions>().BindConfiguration(MemoryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MemoryOptions>, MemoryOptionsValidator>());
        services.AddSingleton<StartupCompaction>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupCompaction>());
    }
}
