using System.Globalization;
using Bastion.Core.Audit;
using Bastion.Core.Recording.Search;
using Bastion.Core.Storage;
using Bastion.Core.Telemetry;
using Bastion.Core.Terminal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Recording;

/// <summary>
/// The audit side of a terminal session, and only that: <see cref="BeginAsync"/> creates the recording and commits
/// <c>session.started</c> before any SSH connection is opened (throwing means: refuse the session);
/// <see cref="EndAsync"/> completes the recording and commits <c>session.ended</c>; kills, attaches and detaches are
/// recorded as they happen. Which sessions run, and ending them, is the session registry's business (Core/Sessions).
/// </summary>
internal sealed partial class SessionAuditor(
    IAuditLog audit, IServiceScopeFactory scopes, IOptions<RecordingOptions> options, TimeProvider time, ILogger<SessionAuditor> logger, StorageReserve reserve,
    RecordingSearchFeed? searchFeed = null)
{
    public async Task<ActiveSession> BeginAsync(SessionFacts request, CancellationToken cancellationToken)
    {
        // 1. The recording file: if it cannot be created, nothing else happens. Space may have returned since the last
        //    full disk: the reserve for session ends goes back first.
        reserve.TryRestore();
        var directory = options.Value.Directory;
        Directory.CreateDirectory(directory);
        var file = request.SessionId + ".cast";
        var path = Path.Combine(directory, file);
        var title = $"{request.Login}@{request.HostName}";
        SessionRecorder recorder;
        try
        {
            recorder = await SessionRecorder.StartAsync(
                path, request.Cols, request.Rows, title, request.RecordInput, options.Value, time,
                command => AppendCommandAsync(request, command), checkpoint => AppendCheckpointAsync(request, file, checkpoint), cancellationToken);
        }
        catch
        {
            // A full disk lets the file be created and then refuses its header: a refused attempt leaves no empty
            // recording behind (issue 13).
            TryDelete(path);
            throw;
        }

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
                    ["login"] = request.Login,
                    ["address"] = request.Address,
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
                Login = request.Login,
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

        if (searchFeed is not null)
        {
            recorder.Flushed.Arm(() => searchFeed.Grew(request.SessionId, path));
        }

        BastionInstruments.SessionsOpened.Add(1);
        BastionInstruments.SessionsActive.Add(1);
        return new ActiveSession(request, recorder, time.GetTimestamp());
    }

    /// <summary>Commits <c>session.killed</c> (before the session is ended, so the order of events is the order of acts).</summary>
    public Task AuditKilledAsync(SessionFacts session, string by, string? clientAddress, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.SessionKilled,
            Actor = by,
            ClientAddress = clientAddress,
            SessionId = session.SessionId,
            HostId = session.HostId,
            Data = new Dictionary<string, string?> { ["user"] = session.UserName },
        }, cancellationToken);

    /// <summary><c>session.attached</c> or <c>session.detached</c>: a browser socket joined a running session, or went
    /// away while the session goes on. Never throws: a session is not ended because this could not be written.</summary>
    public async Task AuditAttachmentAsync(string type, SessionFacts session, string user, string mode, string? clientAddress)
    {
        try
        {
            await audit.AppendAsync(new AuditEvent
            {
                Type = type,
                Actor = user,
                ClientAddress = clientAddress,
                SessionId = session.SessionId,
                HostId = session.HostId,
                Data = new Dictionary<string, string?> { ["user"] = user, ["mode"] = mode, ["owner"] = session.UserName },
            }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogAttachmentNotAudited(ex, type);
        }
    }

    /// <summary>Completes the recording and writes <c>session.ended</c>. Never throws: the session is over either way.</summary>
    public async Task EndAsync(ActiveSession session, RelayResult result, SessionEnding ending)
    {
        var request = session.Facts;
        var summary = await session.Recorder.CompleteAsync();

        // The relay may have seen the refused output before the recorder told why: a full disk is said as such.
        var reason = ending.Outcome == RelayOutcome.RecorderFailed && summary.Failure == RecorderFailure.StorageFull
            ? SessionEnding.StorageFull.Reason
            : ending.Reason;
        BastionInstruments.SessionsActive.Add(-1);
        BastionInstruments.SessionsEnded.Add(1, new KeyValuePair<string, object?>("reason", reason));
        var duration = (long)time.GetElapsedTime(session.StartedTimestamp).TotalMilliseconds;
        try
        {
            var ended = new SessionEnded
            {
                SessionId = request.SessionId,
                UserName = request.UserName,
                HostId = request.HostId,
                ClientAddress = request.ClientAddress,
                Reason = reason,
                Detail = result.Detail,
                KilledBy = ending.By,
                DurationMs = duration,
                BytesIn = result.BytesFromClient,
                BytesOut = result.BytesFromHost,
                ExitStatus = result.ExitStatus,
                RecordingSha256 = summary.Sha256,
                RecordingBytes = summary.Bytes,
                RecordingSkippedChars = summary.SkippedChars,
            };
            await WithReserveAsync(() => audit.AppendAsync(ended.ToAuditEvent(), CancellationToken.None));

            var endedMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            await WithReserveAsync(async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
                await db.Sessions.Where(s => s.Id == request.SessionId).ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.EndedMs, endedMs)
                    .SetProperty(s => s.EndReason, reason)
                    .SetProperty(s => s.BytesIn, result.BytesFromClient)
                    .SetProperty(s => s.BytesOut, result.BytesFromHost)
                    .SetProperty(s => s.ExitStatus, result.ExitStatus)
                    .SetProperty(s => s.RecordingSha256, summary.Sha256));
            });
        }
        catch (Exception ex)
        {
            // Startup recovery will close this session as "crash" if the row stayed open.
            LogEndFailed(ex);
        }
    }

    /// <summary>A write that a full disk refused is tried once more in the space the reserve frees (issue 13): the
    /// session's end is evidence, and what comes after it (new sessions, logins) is refused until space returns.</summary>
    private async Task WithReserveAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception ex) when (StorageFaults.IsStorageFull(ex) && reserve.Release())
        {
            await write();
        }
    }

    private Task AppendCommandAsync(SessionFacts request, RecordedCommand command) =>
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

    /// <summary>Throws like a command does: a checkpoint that cannot be written fails the recording, which ends the
    /// session (an unaudited stretch of recording is what checkpoints exist to prevent).</summary>
    private Task AppendCheckpointAsync(SessionFacts request, string file, RecordingCheckpoint checkpoint) =>
        audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.RecordingCheckpoint,
            Actor = request.UserName,
            ClientAddress = request.ClientAddress,
            SessionId = request.SessionId,
            HostId = request.HostId,
            Data = new Dictionary<string, string?>
            {
                ["recording"] = file,
                ["bytes"] = checkpoint.Bytes.ToString(CultureInfo.InvariantCulture),
                ["sha256"] = checkpoint.Sha256,
                ["offset"] = checkpoint.Offset.ToString("0.000", CultureInfo.InvariantCulture),
            },
        }, CancellationToken.None);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Error, Message = "Could not write session.ended")]
    private partial void LogEndFailed(Exception exception);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "Could not write {Type}")]
    private partial void LogAttachmentNotAudited(Exception exception, string type);
}
