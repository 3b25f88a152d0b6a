using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace Bastion.Core.Recording;

/// <summary>
/// The asciicast line's JSON string, UTF-16 to escaped UTF-8 in one pass (issue 12: the recorder's hot path), byte for
/// byte what <c>Utf8JsonWriter</c> with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> wrote before: which
/// character is escaped, and how, is asked of that encoder itself (once per ASCII character and per BMP character,
/// kept in tables; per call for the rare astral ones), so the two cannot drift apart. Runs of plain ASCII are copied
/// with a vectorised search and narrowing. The text must hold no lone surrogate (the writer replaces them first).
/// </summary>
internal static class CastJson
{
    /// <summary>The most bytes one step writes (an escaped surrogate pair, <c>\uD83D\uDE00</c>).</summary>
    public const int MaxStepBytes = 12;

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>ASCII characters written as they are.</summary>
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 128).Where(c => !Encoder.WillEncode(c)).Select(c => (char)c)));

    /// <summary>The escape of each ASCII character that has one (null for the plain ones).</summary>
    private static readonly byte[]?[] AsciiEscapes = [.. Enumerable.Range(0, 128).Select(c => Encoder.WillEncode(c) ? Encoding.ASCII.GetBytes(Encoder.Encode(((char)c).ToString())) : null)];

    /// <summary>One bit per BMP character: set when the encoder escapes it.</summary>
    private static readonly ulong[] EscapedBmp = BuildBmp();

    /// <summary>Writes as much of <paramref name="text"/> as fits into <paramref name="destination"/> (never half an
    /// escape or a character); returns the bytes written. With <see cref="MaxStepBytes"/> free, it always progresses.</summary>
    public static int Encode(ReadOnlySpan<char> text, Span<byte> destination, out int consumed)
    {
        var written = 0;
        var i = 0;
        Span<char> escaped = stackalloc char[MaxStepBytes];
        while (i < text.Length)
        {
            var rest = text[i..];
            var plain = rest.IndexOfAnyExcept(PlainAscii);
            if (plain != 0)
            {
                plain = plain < 0 ? rest.Length : plain;
                var take = Math.Min(plain, destination.Length - written);
                System.Text.Ascii.FromUtf16(rest[..take], destination[written..], out _);
                written += take;
                i += take;
                if (take < plain)
                {
                    break;
                }

                continue;
            }

            var c = rest[0];
            var room = destination.Length - written;
            if (c < 128)
            {
                var escape = AsciiEscapes[c]!;
                if (escape.Length > room)
                {
                    break;
                }

                escape.CopyTo(destination[written..]);
                written += escape.Length;
                i++;
                continue;
            }

            var units = char.IsHighSurrogate(c) && rest.Length > 1 && char.IsLowSurrogate(rest[1]) ? 2 : 1;
            var scalar = units == 2 ? char.ConvertToUtf32(c, rest[1]) : c;
            if (units == 1 ? (EscapedBmp[c >> 6] & (1UL << (c & 63))) != 0 : Encoder.WillEncode(scalar))
            {
                Encoder.Encode(rest[..units], escaped, out _, out var length, isFinalBlock: true);
                if (length > room)
                {
                    break;
                }

                for (var k = 0; k < length; k++)
                {
                    destination[written + k] = (byte)escaped[k];
                }

                written += length;
            }
            else
            {
                var rune = new Rune(scalar);
                if (rune.Utf8SequenceLength > room)
                {
                    break;
                }

                written += rune.EncodeToUtf8(destination[written..]);
            }

            i += units;
        }

        consumed = i;
        return written;
    }

    private static ulong[] BuildBmp()
    {
        var bits = new ulong[65536 / 64];
        for (var c = 0; c < 65536; c++)
        {
            // Surrogate code units are not scalars (the encoder refuses them); they never get here alone.
            if (c is >= 0xD800 and <= 0xDFFF || Encoder.WillEncode(c))
            {
                bits[c >> 6] |= 1UL << (c & 63);
            }
        }

        return bits;
    }
}
