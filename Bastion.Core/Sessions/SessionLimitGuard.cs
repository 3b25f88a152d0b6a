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
/// cluster the count includes the user's sessions on the other live nodes, reserved atomically in Redis.
/// </summary>
internal sealed partial class SessionLimitGuard(
    ISessionRegistry registry, IAuditLog audit, IOptions<TerminalOptions> options, TimeProvider time, ILogger<SessionLimitGuard> logger,
    IClusterBus bus) : IDisposable
{
    private readonly SemaphoreSlim _admission = new(1, 1);

    /// <summary>Registers <paramref name="live"/> and returns its watch; or, when its user is at the cap, refuses it
    /// before any connection: <c>session.denied</c> (why <c>too_many_sessions</c>), an error naming the limit, close
    /// 1008; then the session is disposed and null returned.</summary>
    public async Task<SessionLimitWatch?> AdmitAsync(WebSocket webSocket, LiveSession live)
    {
        var limits = SessionLimits.Resolve(options.Value, live.Request.Limits);
        var running = 0;
        bool admitted;

        // One admission at a time on this node; across nodes (issue 10) the count and the new session's directory entry
        // are one atomic step in Redis (IClusterBus.ReserveSessionAsync), so two nodes cannot both take the user's last
        // place. While Redis is unreachable only this node's sessions are counted.
        await _admission.WaitAsync();
        try
        {
            if (limits.MaxSessionsPerUser > 0)
            {
                var local = registry.Snapshot().Where(s => s.UserId == live.UserId && s.IsLive).Select(s => s.Id).ToList();
                var reservation = bus.IsClustered
                    ? await bus.ReserveSessionAsync(new LocalSessionEntry(live.Id, live.UserId, live.HostId), local, limits.MaxSessionsPerUser)
                    : null;
                running = reservation?.Running ?? local.Count;
                admitted = reservation?.Admitted ?? limits.AllowsAnother(running);
            }
            else
            {
                admitted = true;
            }

            if (admitted)
            {
                registry.Add(live);
            }
        }
        finally
        {
            _admission.Release();
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
            CloseCodes.TooManySessions, ErrorCodes.TooManySessions,
            ErrorArgs.Of(("running", ErrorArgs.Count(running)), ("limit", ErrorArgs.Count(limits.MaxSessionsPerUser))));
        live.Dispose();
        return null;
    }

    public void Dispose() => _admission.Dispose();

    [LoggerMessage(EventId = 1150, Level = LogLevel.Information, Message = "Refused a session of {User}: {Running} running, the limit is {Limit}")]
    private partial void LogTooManySessions(string user, int running, int limit);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Error, Message = "Could not audit a session refused for too many sessions")]
    private partial void LogDenialNotAudited(Exception exception);
}
