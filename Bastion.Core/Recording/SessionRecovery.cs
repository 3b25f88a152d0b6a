using System.Security.Cryptography;
using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Recording;

/// <summary>
/// Runs once at startup, before the service accepts sessions: every session still open in the index was cut off by a
/// crash (or kill -9), so it gets <c>session.ended reason=crash</c>. Its recording is cut back to the last complete
/// line (a write may have been interrupted mid-line) so players read everything up to the last flush.
/// </summary>
internal sealed class SessionRecovery(BastionDbContext db, IAuditLog audit, RecordingOptionsAccessor recordings)
{
    public const string CrashReason = "crash";

    /// <summary>What a surviving node writes for the sessions of a node whose lease expired (issue 10).</summary>
    public const string NodeLostReason = "node_lost";

    /// <summary>Ends the open sessions a crash left behind as <see cref="CrashReason"/>: every open one, except those in
    /// <paramref name="runningElsewhere"/> (in a cluster, the sessions other nodes list as theirs: see
    /// <c>Cluster/StartupRecovery</c>, which decides what to pass).</summary>
    public async Task<int> RecoverAsync(IReadOnlySet<string>? runningElsewhere, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string>? only = null;
        if (runningElsewhere is not null)
        {
            var open = await db.Sessions.Where(s => s.EndedMs == null).Select(s => s.Id).ToListAsync(cancellationToken);
            only = [.. open.Where(id => !runningElsewhere.Contains(id))];
        }

        return await EndOpenAsync(only, CrashReason, "Bastion stopped without ending the session; recovered at startup (end time and byte counts from the recording)", cancellationToken);
    }

    /// <summary>
    /// Ends every session still open in the index (or only those in <paramref name="only"/>): <c>session.ended</c> with
    /// <paramref name="reason"/>, the recording cut back to its last complete line and hashed as it reached storage.
    /// </summary>
    public async Task<int> EndOpenAsync(IReadOnlyCollection<string>? only, string reason, string detail, CancellationToken cancellationToken)
    {
        var query = db.Sessions.Where(s => s.EndedMs == null);
        if (only is not null)
        {
            query = query.Where(s => only.Contains(s.Id));
        }

        var open = await query.ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            var path = Path.Combine(recordings.Directory, session.RecordingFile);
            string? sha = null;
            long recordingBytes = 0;
            var scan = new RecordingScan(0, 0, 0);
            if (File.Exists(path))
            {
                TrimToLastLine(path);
                scan = await RecordingScan.ReadAsync(path, cancellationToken);
                await using var read = File.OpenRead(path);
                recordingBytes = read.Length;
                sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, cancellationToken));
            }

            // The session ended, as far as anyone can tell, at its last recorded event: the downtime until this restart
            // is not part of it (issue 13). Byte counts are what the recording holds.
            var durationMs = (long)(scan.LastOffset * 1000);
            var ended = new SessionEnded
            {
                SessionId = session.Id,
                UserName = session.UserName,
                HostId = session.HostId,
                ClientAddress = session.ClientAddress,
                Reason = reason,
                Detail = detail,
                DurationMs = durationMs,
                BytesIn = scan.BytesIn,
                BytesOut = scan.BytesOut,
                RecordingSha256 = sha,
                RecordingBytes = recordingBytes,
            };
            await audit.AppendAsync(ended.ToAuditEvent(), cancellationToken);

            session.EndedMs = session.StartedMs + durationMs;
            session.EndReason = reason;
            session.BytesIn = scan.BytesIn;
            session.BytesOut = scan.BytesOut;
            session.RecordingSha256 = sha;
            await db.SaveChangesAsync(cancellationToken);
        }

        return open.Count;
    }

    private static void TrimToLastLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var length = stream.Length;
        var buffer = new byte[1];
        var end = length;
        while (end > 0)
        {
            stream.Position = end - 1;
            stream.ReadExactly(buffer);
            if (buffer[0] == (byte)'\n')
            {
                break;
            }

            end--;
        }

        if (end < length)
        {
            stream.SetLength(end);
        }
    }
}
