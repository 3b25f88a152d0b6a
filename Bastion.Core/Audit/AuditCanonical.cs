using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bastion.Core.Audit;

/// <summary>
/// The byte string each event's hash covers: compact JSON, fixed key order, ASCII-only escaping:
/// <c>{"seq":N,"time":MS,"type":"..","actor":..,"ip":..,"session":..,"host":..,"data":"&lt;DataJson&gt;","prev":"&lt;hex&gt;"}</c>.
/// <c>data</c> is the stored JSON text as a string, so the verifier never has to re-serialize anything.
/// </summary>
internal static class AuditCanonical
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    public static byte[] Encode(AuditRecord r)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", r.Sequence);
            w.WriteNumber("time", r.TimeMs);
            w.WriteString("type", r.Type);
            w.WriteString("actor", r.Actor);
            w.WriteString("ip", r.ClientAddress);
            w.WriteString("session", r.SessionId);
            w.WriteString("host", r.HostId?.ToString("D", CultureInfo.InvariantCulture));
            w.WriteString("data", r.DataJson);
            w.WriteString("prev", r.PrevHash);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string ComputeHash(AuditRecord r) => Convert.ToHexStringLower(SHA256.HashData(Encode(r)));

    /// <summary>The data dictionary as JSON with keys in ordinal order and control characters escaped.</summary>
    public static string EncodeData(IReadOnlyDictionary<string, string?> data)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            w.WriteStartObject();
            foreach (var (key, value) in data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteString(key, value is null ? null : TextSafety.ReplaceLoneSurrogates(value));
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
