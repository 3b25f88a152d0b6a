using System.Text.Json;

namespace Bastion.Core.Audit;

/// <summary>What the audit chain says about one session's recording: its file, the checkpoints taken while it ran,
/// and the final hash in <c>session.ended</c>. Collected while the chain is walked, checked after it verifies.</summary>
internal sealed class RecordingClaims
{
    public required string SessionId { get; init; }

    public string? File { get; set; }

    public List<(long Sequence, long Bytes, string Sha256)> Checkpoints { get; } = [];

    public (long Sequence, string Sha256)? Final { get; set; }

    /// <summary>Adds what <paramref name="row"/> says, if it is about a recording.</summary>
    public static void Collect(Dictionary<string, RecordingClaims> claims, AuditRecord row)
    {
        if (row.SessionId is null || row.Type is not (AuditEventTypes.SessionStarted or AuditEventTypes.RecordingCheckpoint or AuditEventTypes.SessionEnded))
        {
            return;
        }

        if (!claims.TryGetValue(row.SessionId, out var claim))
        {
            claim = new RecordingClaims { SessionId = row.SessionId };
            claims.Add(row.SessionId, claim);
        }

        using var data = JsonDocument.Parse(row.DataJson);
        var root = data.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        switch (row.Type)
        {
            case AuditEventTypes.SessionStarted:
                claim.File ??= Text("recording");
                break;
            case AuditEventTypes.RecordingCheckpoint:
                claim.File ??= Text("recording");
                if (long.TryParse(Text("bytes"), out var bytes) && Text("sha256") is { } sha)
                {
                    claim.Checkpoints.Add((row.Sequence, bytes, sha));
                }

                break;
            default:
                if (Text("recording_sha256") is { } final)
                {
                    claim.Final = (row.Sequence, final);
                }

                break;
        }
    }
}
