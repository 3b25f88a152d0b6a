using Bastion.Core.Sessions;
using Bastion.Core.Terminal;

namespace Bastion.Web.Sessions;

/// <summary>
/// Ends every session when the server stops, attached or detached, through the sessions' one <c>End</c>
/// (<c>server_stopping</c>, close 1001), and waits (bounded) for them to be audited as ended.
/// </summary>
internal sealed partial class SessionShutdown(ISessionRegistry registry, IHostApplicationLifetime lifetime, ILogger<SessionShutdown> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);
    private CancellationTokenRegistration _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(EndAll);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        EndAll();
        var running = registry.Snapshot().Select(s => s.Completion).ToList();
        try
        {
            await Task.WhenAll(running).WaitAsync(Drain, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogNotDrained(running.Count(t => !t.IsCompleted));
        }
    }

    public void Dispose() => _stopping.Dispose();

    private void EndAll()
    {
        foreach (var session in registry.Snapshot())
        {
            session.End(SessionEnding.ServerStopping);
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "{Count} sessions had not finished ending when the server stopped")]
    private partial void LogNotDrained(int count);
}
