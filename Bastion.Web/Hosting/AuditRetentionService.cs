using Bastion.Core.Audit;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Hosting;

/// <summary>Runs <see cref="AuditRetention"/> every <see cref="AuditOptions.RetentionInterval"/> when a retention is set.</summary>
internal sealed partial class AuditRetentionService(
    IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionDays <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pruned = await scope.ServiceProvider.GetRequiredService<AuditRetention>()
                    .PruneAsync(time.GetUtcNow(), options.Value.RetentionDays, stoppingToken);
                if (pruned > 0)
                {
                    LogPruned(pruned);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPruneFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Audit retention pruned {Count} events")]
    private partial void LogPruned(long count);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Audit retention failed")]
    private partial void LogPruneFailed(Exception exception);
}
