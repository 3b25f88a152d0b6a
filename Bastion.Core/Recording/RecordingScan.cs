using System.Text;
using System.Text.Json;

namespace Bastion.Core.Recording;

/// <summary>
/// What a recording itself says about its session, for crash recovery (issue 13): the offset of its last event (so the
/// session ends when its last recorded event happened, not when Bastion restarted) and the UTF-8 byte counts of the
/// output and input it holds (input only when the session recorded input).
/// </summary>
/// <param name="LastOffset">Seconds from the session's start to its last event; 0 for a header-only recording.</param>
internal sealed record RecordingScan(double LastOffset, long BytesOut, long BytesIn)
{
    public static async Task<RecordingScan> ReadAsync(string path, CancellationToken cancellationToken)
    {
        double last = 0;
        long output = 0, input = 0;
        using var reader = new StreamReader(path, Encoding.UTF8);
        _ = await reader.ReadLineAsync(cancellationToken); // the header
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!TryParse(line, out var offset, out var kind, out var text))
            {
                continue;
            }

            last = Math.Max(last, offset);
            if (kind == "o")
            {
                output += Encoding.UTF8.GetByteCount(text);
            }
            else if (kind == "i")
            {
                input += Encoding.UTF8.GetByteCount(text);
            }
        }

        return new RecordingScan(last, output, input);
    }

    /// <summary>An asciicast v2 event line: <c>[offset, "kind", "text"]</c>. Anything else is skipped.</summary>
    private static bool TryParse(string line, out double offset, out string kind, out string text)
    {
        (offset, kind, text) = (0, "", "");
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 3 || root[0].ValueKind != JsonValueKind.Number)
            {
                return false;
            }

            (offset, kind, text) = (root[0].GetDouble(), root[1].GetString() ?? "", root[2].GetString() ?? "");
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
