using Bastion.Core.Audit.Export;
using Bastion.Web.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.AuditApi.Syslog;

internal static class SyslogExtensions
{
    /// <summary>The SIEM export (<c>Audit:Syslog</c>): options checked at start, the exporter as a background service,
    /// its status in <c>/readyz</c> as the check <c>syslog</c>.</summary>
    public static void AddBastionSyslogExport(this IServiceCollection services)
    {
        services.AddOptions<SyslogOptions>().BindConfiguration(SyslogOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyslogOptions>, SyslogOptionsValidator>());
        services.AddSingleton<SyslogExportStatus>();
        services.AddSingleton<AuditExportCursorStore>();
        services.AddSingleton<IExportLeases, ExportLeases>();
        services.AddHostedService<SyslogExportService>();
        services.AddHealthChecks().AddCheck<SyslogHealthCheck>("syslog", tags: [ObservabilityExtensions.ReadyTag]);
    }
}
