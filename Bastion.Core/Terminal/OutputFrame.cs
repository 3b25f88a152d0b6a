using System.Buffers;
using System.Text.Unicode;

namespace Bastion.Core.Terminal;

/// <summary>
/// The output message <c>{"flag":"success","message":"..."}</c> encoded in one pass from the decoded text straight
/// into a buffer rented from the shared pool (issue 12): runs of characters that need no escaping are transcoded to
/// UTF-8 in bulk (vectorised), and only what JSON requires is escaped (<c>"</c>, <c>\</c> and U+0000..U+001F, the
/// terminal's ESC among them). No writer object, no intermediate string. A lone surrogate (never produced by the
/// session's decoder) becomes U+FFFD, as in every other UTF-8 the server writes.
/// <para>
/// Policy at the bound: the buffer is sized for the text (3 bytes per UTF-16 unit, enough for any text without
/// escapes) and grows, by renting a larger one, only for text that is mostly control characters (6 bytes each); it
/// is returned to the pool by <see cref="Dispose"/>, so an idle attachment holds none.
/// </para>
/// </summary>
internal struct OutputFrame : IDisposable
{
    private static readonly SearchValues<char> s_escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\"\\");

    private static ReadOnlySpan<byte> Prefix => "{\"flag\":\"success\",\"message\":\""u8;

    private static ReadOnlySpan<byte> Suffix => "\"}"u8;

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    private byte[] _buffer;
    private int _length;

    private OutputFrame(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _length = 0;
    }

    /// <summary>The encoded message, valid until <see cref="Dispose"/>.</summary>
    public readonly ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    /// <summary>Encodes <paramref name="text"/>; the caller disposes the frame once it is sent.</summary>
    public static OutputFrame Encode(ReadOnlySpan<char> text)
    {
        var frame = new OutputFrame(Prefix.Length + Suffix.Length + (text.Length * 3));
        frame.Append(Prefix);
        while (!text.IsEmpty)
        {
            var clean = text.IndexOfAny(s_escaped);
            var run = clean < 0 ? text : text[..clean];
            while (!run.IsEmpty)
            {
                var status = Utf8.FromUtf16(run, frame._buffer.AsSpan(frame._length), out var read, out var written, replaceInvalidSequences: true);
                frame._length += written;
                run = run[read..];
                if (status == OperationStatus.DestinationTooSmall)
                {
                    frame.Grow(run.Length * 3);
                }
            }

            if (clean < 0)
            {
                break;
            }

            frame.Escape(text[clean]);
            text = text[(clean + 1)..];
        }

        frame.Append(Suffix);
        return frame;
    }

    private void Escape(char c)
    {
        Span<byte> escape = stackalloc byte[6];
        var length = 2;
        escape[0] = (byte)'\\';
        switch (c)
        {
            case '"': escape[1] = (byte)'"'; break;
            case '\\': escape[1] = (byte)'\\'; break;
            case '\n': escape[1] = (byte)'n'; break;
            case '\r': escape[1] = (byte)'r'; break;
            case '\t': escape[1] = (byte)'t'; break;
            case '\b': escape[1] = (byte)'b'; break;
            case '\f': escape[1] = (byte)'f'; break;
            default:
                escape[1] = (byte)'u';
                escape[2] = (byte)'0';
                escape[3] = (byte)'0';
                escape[4] = Hex[c >> 4];
                escape[5] = Hex[c & 0xF];
                length = 6;
                break;
        }

        Append(escape[..length]);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - _length < bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Grow(int atLeast)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + atLeast + Suffix.Length));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        if (_buffer is { Length: > 0 } buffer)
        {
            _buffer = [];
            _length = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
