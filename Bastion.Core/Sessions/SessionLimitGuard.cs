using System.Net.WebSockets;
using Bastion.Core.Audit;
using Bastion.Core.Cluster;
using Bastion.Core.Terminal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Sessions;

/// <summary>
/// Admits new sessions under <c>Terminal:MaxSessionsPerUser</c> (or the host's override) and hands each one its
/// <see cref="SessionLimitWatch"/> (issue 9). Counting the user's running sessions (detached ones included) and
/// registering the new one happen under one lock, so two sessions opened at once cannot both take the last place. In a
/// cluster the count includes the user's sessions on the other live nodes.
/// </summary>
internal sealed partial class SessionLimitGuard(
    ISessionRegistry registry, IAuditLog audit, IOptions<TerminalOptions> options, TimeProvider time, ILogger<SessionLimitGuard> logger,
    IClusterBus bus)
{
    private readonly Lock _admission = new();

    /// <summary>Registers <paramref name="live"/> and returns its watch; or, when its user is at the cap, refuses it
    /// before any connection: <c>session.denied</c> (why <c>too_many_sessions</c>), an error naming the limit, close
    /// 1008; then the session is disposed and null returned.</summary>
    public async Task<SessionLimitWatch?> AdmitAsync(WebSocket webSocket, LiveSession live)
    {
        var limits = SessionLimits.Resolve(options.Value, live.Request.Limits);

        // Sessions on other nodes count too (issue 10). Counted before this node's lock: two nodes admitting the same
        // user's last place within one directory write of each other can both succeed (docs/DEPLOYMENT.md).
        var remote = limits.MaxSessionsPerUser > 0 ? await bus.CountRemoteSessionsAsync(live.UserId) : 0;
        var running = 0;
        bool admitted;
        lock (_admission)
        {
            if (limits.MaxSessionsPerUser > 0)
            {
                running = remote + registry.Snapshot().Count(s => s.UserId == live.UserId && s.IsLive);
            }

            admitted = limits.AllowsAnother(running);
            if (admitted)
            {
                registry.Add(live);
            }
        }

        if (admitted)
        {
            return new SessionLimitWatch(live, limits, time, options.Value.ClientSendTimeout);
        }

        LogTooManySessions(live.UserName, running, limits.MaxSessionsPerUser);
        try
        {
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.SessionDenied,
                Actor = live.UserName,
                ClientAddress = live.Request.ClientAddress,
                HostId = live.HostId,
                Data = new Dictionary<string, string?>
                {
                    ["why"] = ErrorCodes.TooManySessions,
                    ["detail"] = $"{running} running, limit {limits.MaxSessionsPerUser}",
                },
            }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Refused either way; a refusal that cannot be audited is logged instead (as the endpoint does).
            LogDenialNotAudited(ex);
        }

        await TerminalSocket.TryEndAsync(
            webSocket, ErrorCodes.TooManySessions,
            $"you already have {running} running sessions (detached ones included) and the limit is {limits.MaxSessionsPerUser}: end one of them, then try again",
            CloseCodes.TooManySessions, ErrorCodes.TooManySessions);
        live.Dispose();
        return null;
    }

    [LoggerMessage(EventId = 1150, Level = LogLevel.Information, Message = "Refused a session of {User}: {Running} running, the limit is {Limit}")]
    private partial void LogTooManySessions(string user, int running, int limit);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Error, Message = "Could not audit a session refused for too many sessions")]
    private partial void LogDenialNotAudited(Exception exception);
}
