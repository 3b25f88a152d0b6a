using Bastion.Core.Access;
using Bastion.Core.Sessions;
using Bastion.Web.Hosting;

namespace Bastion.Web.Access;

/// <summary>
/// Re-checks every live terminal's access every <see cref="Interval"/> (on the injected <see cref="TimeProvider"/>, so
/// grant windows that end are noticed) and at once after an admin change; sessions that lost access are ended
/// through their one <c>End</c> with <see cref="AccessRevocation.Ending"/> (attached or detached alike).
/// </summary>
internal sealed partial class AccessWatchdog(ISessionRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<AccessWatchdog> logger)
    : PeriodicCheck
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override Task WaitAsync(CancellationToken cancellationToken) => registry.WaitForRecheckAsync(Interval, time, cancellationToken);

    protected override void OnCheckFailed(Exception error) => LogCheckFailed(error);

    public override async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        var sessions = registry.Snapshot().Where(s => s.IsLive).ToList();
        if (sessions.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var policy = scope.ServiceProvider.GetRequiredService<AccessPolicy>();
        foreach (var pair in sessions.GroupBy(s => (s.UserId, s.HostId)))
        {
            if (!await policy.StillAllowedAsync(pair.Key.UserId, pair.Key.HostId, cancellationToken))
            {
                foreach (var session in pair)
                {
                    LogRevoked(session.Id, session.UserId, session.HostId);
                    session.End(AccessRevocation.Ending);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Warning, Message = "Ending session {SessionId}: user {UserId} no longer has access to host {HostId}")]
    private partial void LogRevoked(string sessionId, Guid userId, Guid hostId);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Error, Message = "Access re-check failed")]
    private partial void LogCheckFailed(Exception ex);
}
