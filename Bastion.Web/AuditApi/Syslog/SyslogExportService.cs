using Bastion.Core.Audit.Export;
using Microsoft.Extensions.Options;

namespace Bastion.Web.AuditApi.Syslog;

/// <summary>Runs the <see cref="SyslogExporter"/> on the node that holds the export lease; the others wait on standby
/// and try for the lease every <see cref="LeaseRetryInterval"/>. A failing audit store is logged and retried: the
/// export never stops the host, and nothing else waits for it.</summary>
internal sealed partial class SyslogExportService(
    IOptions<SyslogOptions> options, IExportLeases leases, AuditExportCursorStore store, SyslogExportStatus status,
    TimeProvider time, ILoggerFactory loggers, ILogger<SyslogExportService> logger) : BackgroundService
{
    public static readonly TimeSpan LeaseRetryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            status.State = SyslogExportState.Disabled;
            return;
        }

        status.State = SyslogExportState.Standby;
        SyslogExportLag.Add(status);
        var exporter = new SyslogExporter(o, SyslogTrust.Load(o).Cas, store, status, time, loggers.CreateLogger<SyslogExporter>());
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var lease = await leases.TryTakeAsync(AuditExportCursorStore.Syslog, stoppingToken);
                    if (lease is null)
                    {
                        status.State = SyslogExportState.Standby;
                        await Task.Delay(LeaseRetryInterval, time, stoppingToken);
                        continue;
                    }

                    await exporter.RunAsync(lease, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    status.State = SyslogExportState.Failing;
                    LogExportFailed(ex);
                    await Task.Delay(o.ReconnectMaxDelay < LeaseRetryInterval ? o.ReconnectMaxDelay : LeaseRetryInterval, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            SyslogExportLag.Remove(status);
        }
    }

    [LoggerMessage(EventId = 2910, Level = LogLevel.Error, Message = "Audit syslog export failed reading or advancing its cursor; retrying")]
    private partial void LogExportFailed(Exception exception);
}
