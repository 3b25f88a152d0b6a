using System.Buffers;
using System.Text.Json;

namespace Bastion.Core.Recording.Search;

/// <summary>
/// Reads a recording (asciicast v2, one JSON value per line) from a byte offset while it may still be written: only
/// lines that end with a line break count, so a line the recorder has half flushed is read on the next pass. Stops at
/// the first chunk that reaches <c>maxBytes</c> (the indexer's budget per pass), after taking that chunk's complete
/// lines, so what one pass read is not read again by the next (only an unfinished last line is). Each event goes to the
/// sink as a span of one reused buffer (no string per event). A line longer than <see cref="MaxLineBytes"/> or one
/// that is not an event is skipped and counted (the policy at the bound: skip, never buffer without limit).
/// </summary>
internal static class CastTailReader
{
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private const int ChunkBytes = 64 * 1024;

    public static async Task<CastTail> ReadAsync(string path, long fromByte, long maxBytes, CastEventSink onEvent, CancellationToken cancellationToken)
    {
        var skipped = 0;
        long bytesRead = 0;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
        var length = file.Length;
        if (fromByte >= length)
        {
            return new CastTail(fromByte, true, 0, 0);
        }

        file.Position = fromByte;
        // A line that ends in the chunk it starts in (nearly all) is parsed where it was read; only a line that runs
        // across two reads is copied, into a buffer made for it (issue 12: not a 64 KiB buffer per call).
        ArrayBufferWriter<byte>? line = null;
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var text = ArrayPool<char>.Shared.Rent(ChunkBytes);
        var position = fromByte;
        var next = fromByte;
        var tooLong = false;
        try
        {
            while (position < length && next - fromByte < maxBytes)
            {
                var read = await file.ReadAsync(chunk.AsMemory(0, (int)Math.Min(ChunkBytes, length - position)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                bytesRead += read;
                var span = chunk.AsSpan(0, read);
                while (!span.IsEmpty)
                {
                    var end = span.IndexOf((byte)'\n');
                    var part = end < 0 ? span : span[..end];
                    var held = line?.WrittenCount ?? 0;
                    if (!tooLong && held + part.Length > MaxLineBytes)
                    {
                        tooLong = true;
                        line?.ResetWrittenCount();
                    }

                    position += part.Length;
                    if (end < 0)
                    {
                        if (!tooLong)
                        {
                            (line ??= new ArrayBufferWriter<byte>(part.Length)).Write(part);
                        }

                        break;
                    }

                    position++;
                    ReadOnlySpan<byte> whole = part;
                    if (!tooLong && held > 0 && line is not null)
                    {
                        line.Write(part);
                        whole = line.WrittenSpan;
                    }

                    span = span[(end + 1)..];
                    if (tooLong || !(next == 0 || TryParse(whole, ref text, onEvent)))
                    {
                        skipped += next == 0 ? 0 : 1;
                    }

                    tooLong = false;
                    line?.ResetWrittenCount();
                    next = position;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            ArrayPool<char>.Shared.Return(text);
        }

        return new CastTail(next, next >= length, skipped, bytesRead);
    }

    /// <summary>Parses <c>[offset, "o"|"i", text]</c>; markers and resizes parse but are not search text.</summary>
    private static bool TryParse(ReadOnlySpan<byte> line, ref char[] text, CastEventSink onEvent)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || !reader.TryGetDouble(out var offset)
                || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            var kind = reader.ValueTextEquals("o"u8) ? 'o' : reader.ValueTextEquals("i"u8) ? 'i' : '\0';
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            if (kind != '\0')
            {
                // UTF-8 never takes fewer bytes than UTF-16 units, so the escaped length bounds the text.
                var bound = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                if (text.Length < bound)
                {
                    ArrayPool<char>.Shared.Return(text);
                    text = ArrayPool<char>.Shared.Rent(bound);
                }

                var length = reader.CopyString(text);
                onEvent(offset, kind, text.AsSpan(0, length));
            }

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
