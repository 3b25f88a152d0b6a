using Bastion.Core.Ssh;
using Bastion.Core.Transfer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Transfer;

/// <summary>File transfer over SFTP on a live terminal session (issue 14).</summary>
internal static class TransferExtensions
{
    public static void AddBastionTransfer(this IServiceCollection services)
    {
        services.AddOptions<TransferOptions>().BindConfiguration(TransferOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TransferOptions>, TransferOptionsValidator>());
        services.AddSingleton<SftpConnector>();
        services.AddSingleton<SftpSessions>();
        services.AddSingleton<TransferAuditor>();
        services.AddScoped<TransferPolicy>();
        services.AddScoped<FileRequests>();
    }

    public static void MapTransferEndpoints(this WebApplication app) => app.MapFileEndpoints();
}
