using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Bastion.Core.Terminal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Recording;

/// <summary>
/// The audit side of a terminal session: <see cref="BeginAsync"/> creates the recording and commits
/// <c>session.started</c> before any SSH connection is opened (throwing means: refuse the session);
/// <see cref="EndAsync"/> completes the recording and commits <c>session.ended</c>.
/// </summary>
internal sealed partial class SessionAuditor(
    IAuditLog audit, IServiceScopeFactory scopes, IOptions<RecordingOptions> options, TimeProvider time, ILogger<SessionAuditor> logger)
{
    private readonly ConcurrentDictionary<string, ActiveSession> _active = new(StringComparer.Ordinal);

    public async Task<ActiveSession> BeginAsync(TerminalSessionRequest request, CancellationToken cancellationToken)
    {
        // 1. The recording file: if it cannot be created, nothing else happens.
        var directory = options.Value.Directory;
        Directory.CreateDirectory(directory);
        var file = request.SessionId + ".cast";
        var path = Path.Combine(directory, file);
        var title = $"{request.Target.UserName}@{request.HostName}";
        var recorder = await SessionRecorder.StartAsync(
            path, request.Cols, request.Rows, title, request.RecordInput, options.Value, time,
            command => AppendCommandAsync(request, command), cancellationToken);

        try
        {
            // 2. The evidence first, then the index row.
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.SessionStarted,
                Actor = request.UserName,
                ClientAddress = request.ClientAddress,
                SessionId = request.SessionId,
                HostId = request.HostId,
                Data = new Dictionary<string, string?>
                {
                    ["host"] = request.HostName,
                    ["login"] = request.Target.UserName,
                    ["address"] = $"{request.Target.Address}:{request.Target.Port}",
                    ["cols"] = request.Cols.ToString(CultureInfo.InvariantCulture),
                    ["rows"] = request.Rows.ToString(CultureInfo.InvariantCulture),
                    ["record_input"] = request.RecordInput ? "true" : "false",
                    ["recording"] = file,
                },
            }, cancellationToken);

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
            db.Sessions.Add(new SessionRecord
            {
                Id = request.SessionId,
                UserName = request.UserName,
                HostId = request.HostId,
                HostName = request.HostName,
                Login = request.Target.UserName,
                ClientAddress = request.ClientAddress,
                Cols = request.Cols,
                Rows = request.Rows,
                StartedMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
                RecordingFile = file,
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch
        {
            await recorder.DisposeAsync();
            File.Delete(path);
            throw;
        }

        var active = new ActiveSession(request, recorder, time.GetTimestamp(), cancellationToken);
        _active[request.SessionId] = active;
        return active;
    }

    /// <summary>Ends a running session on this node, after committing <c>session.killed</c>. False if it is not running here.</summary>
    public async Task<bool> KillAsync(string sessionId, string by, string? clientAddress, CancellationToken cancellationToken)
    {
        if (!_active.TryGetValue(sessionId, out var session))
        {
            return false;
        }

        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.SessionKilled,
            Actor = by,
            ClientAddress = clientAddress,
            SessionId = sessionId,
            HostId = session.Request.HostId,
            Data = new Dictionary<string, string?> { ["user"] = session.Request.UserName },
        }, cancellationToken);
        session.Kill(by);
        return true;
    }

    /// <summary>Completes the recording and writes <c>session.ended</c>. Never throws: the session is over either way.</summary>
    public async Task EndAsync(ActiveSession session, RelayResult result)
    {
        var request = session.Request;
        _active.TryRemove(request.SessionId, out _);
        var summary = await session.Recorder.CompleteAsync();
        var reason = session.KilledBy is not null && result.Outcome == RelayOutcome.Cancelled ? "killed" : ReasonName(result.Outcome);
        session.Dispose();
        var duration = (long)time.GetElapsedTime(session.StartedTimestamp).TotalMilliseconds;
        try
        {
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.SessionEnded,
                Actor = request.UserName,
                ClientAddress = request.ClientAddress,
                SessionId = request.SessionId,
                HostId = request.HostId,
                Data = new Dictionary<string, string?>
                {
                    ["reason"] = reason,
                    ["detail"] = result.Detail,
                    ["killed_by"] = session.KilledBy,
                    ["duration_ms"] = duration.ToString(CultureInfo.InvariantCulture),
                    ["bytes_in"] = result.BytesFromClient.ToString(CultureInfo.InvariantCulture),
                    ["bytes_out"] = result.BytesFromHost.ToString(CultureInfo.InvariantCulture),
                    ["exit_status"] = result.ExitStatus?.ToString(CultureInfo.InvariantCulture),
                    ["recording_sha256"] = summary.Sha256,
                    ["recording_bytes"] = summary.Bytes.ToString(CultureInfo.InvariantCulture),
                    ["recording_skipped_chars"] = summary.SkippedChars.ToString(CultureInfo.InvariantCulture),
                },
            }, CancellationToken.None);

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
            await db.Sessions.Where(s => s.Id == request.SessionId).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.EndedMs, time.GetUtcNow().ToUnixTimeMilliseconds())
                .SetProperty(s => s.EndReason, reason)
                .SetProperty(s => s.BytesIn, result.BytesFromClient)
                .SetProperty(s => s.BytesOut, result.BytesFromHost)
                .SetProperty(s => s.ExitStatus, result.ExitStatus)
                .SetProperty(s => s.RecordingSha256, summary.Sha256));
        }
        catch (Exception ex)
        {
            // Startup recovery will close this session as "crash" if the row stayed open.
            LogEndFailed(ex);
        }
    }

    /// <summary><c>RecorderFailed</c> → <c>recorder_failed</c>.</summary>
    public static string ReasonName(RelayOutcome outcome) =>
        SnakeCase().Replace(outcome.ToString(), "$1_$2").ToLowerInvariant();

    private Task AppendCommandAsync(TerminalSessionRequest request, RecordedCommand command) =>
        audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.SessionCommand,
            Actor = request.UserName,
            ClientAddress = request.ClientAddress,
            SessionId = request.SessionId,
            HostId = request.HostId,
            Data = new Dictionary<string, string?>
            {
                ["line"] = command.Line,
                ["offset"] = command.Offset.ToString("0.000", CultureInfo.InvariantCulture),
                ["source"] = request.RecordInput ? "input" : "echo",
            },
        }, CancellationToken.None);

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex SnakeCase();

    [LoggerMessage(EventId = 1400, Level = LogLevel.Error, Message = "Could not write session.ended")]
    private partial void LogEndFailed(Exception exception);
}
