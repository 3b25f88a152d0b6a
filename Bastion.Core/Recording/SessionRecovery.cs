using System.Globalization;
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
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var open = await db.Sessions.Where(s => s.EndedMs == null).ToListAsync(cancellationToken);
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
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.SessionEnded,
                Actor = session.UserName,
                ClientAddress = session.ClientAddress,
                SessionId = session.Id,
                HostId = session.HostId,
                Data = new Dictionary<string, string?>
                {
                    ["reason"] = "crash",
                    ["detail"] = "Bastion stopped without ending the session; recovered at startup (end time and byte counts from the recording)",
                    ["duration_ms"] = durationMs.ToString(CultureInfo.InvariantCulture),
                    ["bytes_in"] = scan.BytesIn.ToString(CultureInfo.InvariantCulture),
                    ["bytes_out"] = scan.BytesOut.ToString(CultureInfo.InvariantCulture),
                    ["recording_sha256"] = sha,
                    ["recording_bytes"] = recordingBytes.ToString(CultureInfo.InvariantCulture),
                },
            }, cancellationToken);

            session.EndedMs = session.StartedMs + durationMs;
            session.EndReason = "crash";
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
