using System.Globalization;
using System.Text;

namespace Bastion.Testing;

/// <summary>One RFC 5424 message as rsyslog wrote it (<see cref="RsyslogServer"/>), parsed field by field, with its
/// structured data unescaped (§6.3.3) into SD-ID → (name → value).</summary>
public sealed record SyslogLine(
    int Priority, string Timestamp, string Hostname, string AppName, string ProcId, string MsgId,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> StructuredData, string Message)
{
    public static SyslogLine Parse(string line)
    {
        // <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]
        if (!line.StartsWith('<'))
        {
            throw new FormatException($"no PRI: {line}");
        }

        var close = line.IndexOf('>', StringComparison.Ordinal);
        var priority = int.Parse(line[1..close], CultureInfo.InvariantCulture);
        var fields = line[(close + 1)..].Split(' ', 7);
        if (fields.Length < 7 || fields[0] != "1")
        {
            throw new FormatException($"not RFC 5424: {line}");
        }

        var rest = fields[6];
        var sd = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var i = 0;
        if (rest.StartsWith('-'))
        {
            i = 1;
        }
        else
        {
            while (i < rest.Length && rest[i] == '[')
            {
                i = ParseElement(rest, i, sd);
            }
        }

        var message = i < rest.Length && rest[i] == ' ' ? rest[(i + 1)..] : rest[i..];
        return new SyslogLine(priority, fields[1], fields[2], fields[3], fields[4], fields[5], sd, message);
    }

    /// <summary>The value of <paramref name="name"/> in the element whose SD-ID starts with <paramref name="idPrefix"/>.</summary>
    public string? Param(string idPrefix, string name) =>
        StructuredData.FirstOrDefault(kv => kv.Key.StartsWith(idPrefix, StringComparison.Ordinal)).Value is { } element
        && element.TryGetValue(name, out var value) ? value : null;

    private static int ParseElement(string s, int i, Dictionary<string, IReadOnlyDictionary<string, string>> sd)
    {
        i++; // '['
        var idEnd = s.IndexOfAny([' ', ']'], i);
        var id = s[i..idEnd];
        i = idEnd;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        while (s[i] == ' ')
        {
            var eq = s.IndexOf('=', i);
            var name = s[(i + 1)..eq];
            i = eq + 2; // ="
            var value = new StringBuilder();
            while (s[i] != '"')
            {
                if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] is '"' or '\\' or ']')
                {
                    i++;
                }

                value.Append(s[i]);
                i++;
            }

            parameters[name] = value.ToString();
            i++; // closing quote
        }

        if (s[i] != ']')
        {
            throw new FormatException($"structured data element not closed at {i}: {s}");
        }

        sd[id] = parameters;
        return i + 1;
    }
}
