using System.Buffers;
using System.Text.Json;

namespace Bastion.Core.Recording.Search;

/// <summary>
/// Reads a recording (asciicast v2, one JSON value per line) from a byte offset while it may still be written: only
/// lines that end with a line break count, so a line the recorder has half flushed is read on the next pass. Reads at
/// most <c>maxBytes</c> per call (the indexer's budget per pass). A line longer than <see cref="MaxLineBytes"/> or one
/// that is not an event is skipped and counted (the policy at the bound: skip, never buffer without limit).
/// </summary>
internal static class CastTailReader
{
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private const int ChunkBytes = 64 * 1024;

    public static async Task<CastTail> ReadAsync(string path, long fromByte, long maxBytes, CancellationToken cancellationToken)
    {
        var events = new List<CastEvent>();
        var skipped = 0;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
        var length = file.Length;
        if (fromByte >= length)
        {
            return new CastTail(events, fromByte, true, 0);
        }

        file.Position = fromByte;
        var line = new ArrayBufferWriter<byte>(ChunkBytes);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
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

                var span = chunk.AsSpan(0, read);
                while (!span.IsEmpty)
                {
                    var end = span.IndexOf((byte)'\n');
                    var part = end < 0 ? span : span[..end];
                    if (!tooLong && line.WrittenCount + part.Length > MaxLineBytes)
                    {
                        tooLong = true;
                        line.ResetWrittenCount();
                    }

                    if (!tooLong)
                    {
                        line.Write(part);
                    }

                    position += part.Length;
                    if (end < 0)
                    {
                        break;
                    }

                    position++;
                    span = span[(end + 1)..];
                    if (tooLong || !(next == 0 || TryParse(line.WrittenSpan, events)))
                    {
                        skipped += next == 0 ? 0 : 1;
                    }

                    tooLong = false;
                    line.ResetWrittenCount();
                    next = position;
                    if (next - fromByte >= maxBytes)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new CastTail(events, next, next >= length, skipped);
    }

    /// <summary>Parses <c>[offset, "o"|"i", text]</c>; markers and resizes parse but are not search text.</summary>
    private static bool TryParse(ReadOnlySpan<byte> line, List<CastEvent> into)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || !reader.TryGetDouble(out var offset)
                || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            var kind = reader.GetString();
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            if (kind is "o" or "i")
            {
                into.Add(new CastEvent(offset, kind[0], reader.GetString() ?? ""));
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
