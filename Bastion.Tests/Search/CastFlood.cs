using System.Globalization;
using System.Text;

namespace Bastion.Tests.Search;

/// <summary>The bench's flood as an asciicast recording: base64 lines of 120 characters, 33 to an output event, 10 ms
/// apart, until the file holds <c>size</c> bytes.</summary>
internal static class CastFlood
{
    /// <param name="before">Text put before event <c>i</c>'s lines (a colour change), or null.</param>
    /// <param name="after">Text put after event <c>i</c>'s lines (a marker word, followed by a line break), or null.</param>
    /// <param name="line">Sees every base64 line written.</param>
    public static async Task WriteAsync(string path, long size, int seed, Func<int, string?>? before = null, Func<int, string?>? after = null, Action<string>? line = null)
    {
        var random = new Random(seed);
        var bytes = new byte[90];
        var text = new StringBuilder();
        await using var file = new StreamWriter(path, false, new UTF8Encoding(false));
        await file.WriteAsync("{\"version\":2,\"width\":120,\"height\":40}\n");
        long written = 0;
        for (var i = 0; written < size; i++)
        {
            text.Clear().Append(before?.Invoke(i));
            for (var n = 0; n < 33; n++)
            {
                random.NextBytes(bytes);
                var base64 = Convert.ToBase64String(bytes);
                line?.Invoke(base64);
                text.Append(base64).Append("\\r\\n");
            }

            if (after?.Invoke(i) is { } tail)
            {
                text.Append(tail).Append("\\r\\n");
            }

            var row = string.Create(CultureInfo.InvariantCulture, $"[{i * 0.01:F3}, \"o\", \"{text}\"]\n");
            await file.WriteAsync(row);
            written += row.Length;
        }
    }
}
