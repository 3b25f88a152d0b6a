using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bastion.Core.Audit.Export;

/// <summary>
/// One audit event as an RFC 5424 message, framed by octet counting (RFC 6587 §3.4.1: <c>LEN SP MSG</c>):
/// <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME - TYPE [bastion@PEN seq hash prev type …][bastion-data@PEN …] summary</c>.
/// The chain fields come first and are never cut, so a SIEM can check the sequence and the hash link of what it
/// received; the event's data follow as their own element, and the message text is a summary for people.
/// </summary>
internal static class SyslogMessage
{
    /// <summary>Ends a summary cut to fit (three bytes in UTF-8).</summary>
    private const char Ellipsis = '…';

    public static byte[] Frame(AuditRecord record, SyslogFormat format)
    {
        var message = Encoding.UTF8.GetBytes(Format(record, format));
        var prefix = Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " ");
        return [.. prefix, .. message];
    }

    public static string Format(AuditRecord record, SyslogFormat format)
    {
        var data = ReadData(record.DataJson);
        var pri = format.Facility * 8 + SyslogSeverity.Of(record.Type);
        var time = DateTimeOffset.FromUnixTimeMilliseconds(record.TimeMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var header = $"<{pri}>1 {time} {format.Hostname} {format.AppName} - {HeaderField(record.Type, 32)} ";

        var chain = new StringBuilder().Append("[bastion@").Append(format.EnterpriseId);
        Param(chain, "seq", record.Sequence.ToString(CultureInfo.InvariantCulture));
        Param(chain, "hash", record.Hash);
        Param(chain, "prev", record.PrevHash);
        Param(chain, "type", record.Type);
        Param(chain, "actor", record.Actor);
        Param(chain, "ip", record.ClientAddress);
        Param(chain, "session", record.SessionId);
        Param(chain, "host", record.HostId?.ToString("D", CultureInfo.InvariantCulture));

        var dataElement = new StringBuilder();
        if (data.Count > 0)
        {
            dataElement.Append("[bastion-data@").Append(format.EnterpriseId);
            foreach (var (key, value) in data)
            {
                Param(dataElement, ParamName(key), value);
            }

            dataElement.Append(']');
        }

        var summary = Summary(record, data);
        var fixedPart = header + chain + "]";
        var budget = format.MaxMessageBytes - Encoding.UTF8.GetByteCount(fixedPart);
        var dataText = dataElement.ToString();
        if (Encoding.UTF8.GetByteCount(dataText) > budget)
        {
            // Even without a summary the data do not fit: keep the chain fields and say the data were left out.
            fixedPart = header + chain + " truncated=\"data\"]";
            return fixedPart + " " + Cut(summary, format.MaxMessageBytes - Encoding.UTF8.GetByteCount(fixedPart) - 1);
        }

        var head = fixedPart + dataText;
        return head + " " + Cut(summary, format.MaxMessageBytes - Encoding.UTF8.GetByteCount(head) - 1);
    }

    /// <summary>A header field is printable US-ASCII without spaces (RFC 5424 §6), at most <paramref name="max"/>
    /// characters; anything else becomes <c>_</c>, and an empty field is the nil value <c>-</c>.</summary>
    public static string HeaderField(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        var chars = value.Take(max).Select(c => c is > ' ' and <= '~' ? c : '_').ToArray();
        return new string(chars);
    }

    /// <summary>RFC 5424 §6.3.3: inside a PARAM-VALUE, <c>"</c>, <c>\</c> and <c>]</c> are escaped with a backslash.</summary>
    public static string EscapeParamValue(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '"' or '\\' or ']')
            {
                sb.Append('\\');
            }

            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.ToString();
    }

    /// <summary>An SD-NAME is 1–32 printable US-ASCII characters other than <c>=</c>, space, <c>]</c> and <c>"</c>.</summary>
    public static string ParamName(string key)
    {
        var chars = key.Take(32).Select(c => c is > ' ' and <= '~' and not '=' and not ']' and not '"' ? c : '_').ToArray();
        return chars.Length == 0 ? "_" : new string(chars);
    }

    private static void Param(StringBuilder sb, string name, string? value)
    {
        if (value is not null)
        {
            sb.Append(' ').Append(name).Append("=\"").Append(EscapeParamValue(value)).Append('"');
        }
    }

    private static string Summary(AuditRecord record, IReadOnlyList<KeyValuePair<string, string?>> data)
    {
        var sb = new StringBuilder(record.Type).Append(" by ").Append(record.Actor ?? "system");
        if (record.ClientAddress is not null)
        {
            sb.Append(" from ").Append(record.ClientAddress);
        }

        if (record.SessionId is not null)
        {
            sb.Append(", session ").Append(record.SessionId);
        }

        if (record.HostId is { } host)
        {
            sb.Append(", host ").Append(host.ToString("D", CultureInfo.InvariantCulture));
        }

        var shown = data.Where(kv => kv.Value is not null).ToList();
        if (shown.Count > 0)
        {
            sb.Append(": ").AppendJoin(", ", shown.Select(kv => $"{kv.Key}={kv.Value}"));
        }

        // One line: a collector that writes a line per message must not be split (or fooled) by a newline in a value.
        return new string([.. sb.ToString().Select(c => char.IsControl(c) ? ' ' : c)]);
    }

    private static string Cut(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var limit = maxBytes - 3;
        var sb = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > limit)
            {
                break;
            }

            used += rune.Utf8SequenceLength;
            sb.Append(rune.ToString());
        }

        return limit <= 0 ? "" : sb.Append(Ellipsis).ToString();
    }

    private static List<KeyValuePair<string, string?>> ReadData(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateObject().Select(p =>
            new KeyValuePair<string, string?>(p.Name, p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))];
    }
}
