namespace Bastion.Web.Hosting;

/// <summary>
/// A background check that runs until the host stops: wait until the next one is due (<see cref="WaitAsync"/>), then
/// check (<see cref="CheckAllAsync"/>). A failed check is reported and never stops the next one. The live-session
/// checks (<c>Access/AccessWatchdog</c>, <c>Auth/LoginWatch</c>) share this loop.
/// </summary>
internal abstract class PeriodicCheck : BackgroundService
{
    /// <summary>One pass of the check (tests call it directly).</summary>
    public abstract Task CheckAllAsync(CancellationToken cancellationToken);

    /// <summary>Returns when the next check is due.</summary>
    protected abstract Task WaitAsync(CancellationToken cancellationToken);

    /// <summary>Reports a check that threw; the next one still runs.</summary>
    protected abstract void OnCheckFailed(Exception error);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitAsync(stoppingToken);
                await CheckAllAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed check must not stop future checks; the next tick tries again.
                OnCheckFailed(ex);
            }
        }
    }
}
