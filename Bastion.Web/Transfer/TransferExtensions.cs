using Bastion.Core.Ssh;
using Bastion.Core.Transfer;
using Bastion.Web.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Transfer;

/// <summary>File transfer over SFTP on a live terminal session (issue 14).</summary>
internal static class TransferExtensions
{
    public static void AddBastionTransfer(this IServiceCollection services)
    {
        services.AddOptions<TransferOptions>().BindConfiguration(TransferOptions.SectionName)
            .PostConfigure<IOptions<BastionOptions>>((o, bastion) => o.KeepCopiesDirectory = Path.GetFullPath(
                string.IsNullOrWhiteSpace(o.KeepCopiesDirectory) ? Path.Combine(bastion.Value.DataDir, "transfer-copies") : o.KeepCopiesDirectory))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TransferOptions>, TransferOptionsValidator>());
        services.AddSingleton<SftpConnector>();
        services.AddSingleton<SftpSessions>();
        services.AddSingleton<KeptCopies>();
        services.AddSingleton<TransferAuditor>();
        services.AddScoped<TransferPolicy>();
        services.AddScoped<FileRequests>();
    }

    public static void MapTransferEndpoints(this WebApplication app)
    {
        app.MapFileEndpoints();
        app.MapKeptCopyEndpoints();
    }
}
