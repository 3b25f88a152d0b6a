using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Bastion.Core.Recording;

/// <summary>
/// Builds a <see cref="RecordingIndex"/> in one sequential pass over an asciicast v2 file, holding one read buffer and
/// the index itself (bounded: one keyframe per <see cref="KeyframeBytes"/>, at most <see cref="MaxGaps"/> gaps).
/// Lines that are not events (a line cut short by a crash) are skipped, as the player skips them.
/// </summary>
internal static class RecordingIndexBuilder
{
    /// <summary>Bytes between keyframes: a seek reads about two of these (the part before as the replayed lead-in).</summary>
    public const int KeyframeBytes = 512 * 1024;

    /// <summary>The smallest idle limit the player offers (1 s): shorter pauses are never cut.</summary>
    public const double MinimumGapSeconds = 1;

    /// <summary>Bound on listed gaps (a pause every second for more than a day of recording).</summary>
    public const int MaxGaps = 100_000;

    /// <summary>Bound on one line: longer lines (never written by the recorder) are skipped.</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private static readonly byte[][] AltOn = [Encoding.ASCII.GetBytes("[?1049h"), Encoding.ASCII.GetBytes("[?1047h"), Encoding.ASCII.GetBytes("[?47h")];
    private static readonly byte[][] AltOff = [Encoding.ASCII.GetBytes("[?1049l"), Encoding.ASCII.GetBytes("[?1047l"), Encoding.ASCII.GetBytes("[?47l")];

    /// <param name="cancellationToken">Checked per 1 MiB read: a request that went away stops its build and gives the
    /// build slot back.</param>
    public static RecordingIndex Build(Stream stream, long modifiedMs, CancellationToken cancellationToken = default) =>
        Build(stream, modifiedMs, resumeFrom: null, cancellationToken);

    /// <summary>Indexes on from <paramref name="resumeFrom"/>: <paramref name="stream"/> is positioned at its
    /// <see cref="RecordingIndex.Size"/>, where the earlier build stopped at a line start. The result is the index a
    /// build from the start would give.</summary>
    public static RecordingIndex Build(Stream stream, long modifiedMs, RecordingIndex? resumeFrom, CancellationToken cancellationToken = default)
    {
        var state = resumeFrom is null ? new State() : new State(resumeFrom);
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            var filled = 0;
            long bufferStart = resumeFrom?.Size ?? 0;
            var skipping = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                var consumed = 0;
                while (true)
                {
                    var newline = Array.IndexOf(buffer, (byte)'\n', consumed, filled - consumed);
                    if (newline < 0)
                    {
                        break;
                    }

                    if (!skipping)
                    {
                        state.Line(buffer.AsSpan(consumed, newline - consumed), bufferStart + consumed);
                    }

                    skipping = false;
                    consumed = newline + 1;
                }

                if (read == 0)
                {
                    // A last line without its newline (a recording cut short, or still being written) is not indexed.
                    state.Size = bufferStart + consumed;
                    break;
                }

                if (consumed == 0 && filled == buffer.Length)
                {
                    // A line longer than the buffer: skip it to its end.
                    skipping = true;
                    consumed = filled;
                }

                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                bufferStart += consumed;
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new RecordingIndex
        {
            Version = RecordingIndex.CurrentVersion,
            Size = state.Size,
            ModifiedMs = modifiedMs,
            Cols = state.HeaderCols,
            Rows = state.HeaderRows,
            Duration = state.LastShown,
            Keyframes = state.Keyframes,
            Gaps = state.Gaps,
            GapsTruncated = state.GapsTruncated,
            EndCols = state.Cols,
            EndRows = state.Rows,
            EndAlt = state.Alt,
        };
    }

    private sealed class State
    {
        public long Size;
        public int HeaderCols = 80;
        public int HeaderRows = 24;
        public int Cols = 80;
        public int Rows = 24;
        public bool Alt;
        public double LastShown;
        public bool GapsTruncated;
        public readonly List<RecordingKeyframe> Keyframes = [];
        public readonly List<double[]> Gaps = [];
        private bool _header = true;
        private long _lastKeyframe = -KeyframeBytes;

        public State()
        {
        }

        public State(RecordingIndex from)
        {
            _header = false;
            Size = from.Size;
            (HeaderCols, HeaderRows) = (from.Cols, from.Rows);
            (Cols, Rows, Alt) = (from.EndCols, from.EndRows, from.EndAlt);
            LastShown = from.Duration;
            GapsTruncated = from.GapsTruncated;
            Keyframes.AddRange(from.Keyframes);
            Gaps.AddRange(from.Gaps);
            if (Keyframes.Count > 0)
            {
                _lastKeyframe = Keyframes[^1].Offset;
            }
        }

        public void Line(ReadOnlySpan<byte> line, long offset)
        {
            if (_header)
            {
                _header = false;
                Header(line);
                return;
            }

            if (!TryEvent(line, out var time, out var code, out var dataStart) || code == 'i')
            {
                return;
            }

            if (code is 'o' or 'r' && offset - _lastKeyframe >= KeyframeBytes && (Keyframes.Count == 0 || time > LastShown))
            {
                Keyframes.Add(new RecordingKeyframe(offset, time, Cols, Rows, Alt));
                _lastKeyframe = offset;
            }

            if (time - LastShown > MinimumGapSeconds)
            {
                if (Gaps.Count < MaxGaps)
                {
                    Gaps.Add([LastShown, time - LastShown]);
                }
                else
                {
                    GapsTruncated = true;
                }
            }

            LastShown = Math.Max(LastShown, time);
            var data = line[dataStart..];
            if (code == 'o')
            {
                TrackAlternateScreen(data);
            }
            else if (code == 'r')
            {
                TrackSize(data);
            }
        }

        private void Header(ReadOnlySpan<byte> line)
        {
            try
            {
                using var header = JsonDocument.Parse(line.ToArray());
                if (header.RootElement.TryGetProperty("width", out var w) && w.TryGetInt32(out var cols) && cols > 0)
                {
                    HeaderCols = Cols = cols;
                }

                if (header.RootElement.TryGetProperty("height", out var h) && h.TryGetInt32(out var rows) && rows > 0)
                {
                    HeaderRows = Rows = rows;
                }
            }
            catch (JsonException)
            {
            }
        }

        // The last switch in the text wins: the screen a replay starting after this event must be on.
        private void TrackAlternateScreen(ReadOnlySpan<byte> data)
        {
            var on = LastIndexOfAny(data, AltOn);
            var off = LastIndexOfAny(data, AltOff);
            if (on >= 0 || off >= 0)
            {
                Alt = on > off;
            }
        }

        private void TrackSize(ReadOnlySpan<byte> data)
        {
            // "COLSxROWS" as a JSON string.
            var text = Encoding.ASCII.GetString(data).Trim().TrimEnd(']').Trim().Trim('"');
            var x = text.IndexOf('x', StringComparison.Ordinal);
            if (x > 0 && int.TryParse(text[..x], out var cols) && int.TryParse(text[(x + 1)..], out var rows) && cols > 0 && rows > 0)
            {
                Cols = cols;
                Rows = rows;
            }
        }

        private static int LastIndexOfAny(ReadOnlySpan<byte> data, byte[][] needles)
        {
            var last = -1;
            foreach (var needle in needles)
            {
                last = Math.Max(last, data.LastIndexOf(needle));
            }

            return last;
        }
    }

    /// <summary>Reads <c>[time, "c", </c> from the start of an event line; the rest is left unparsed.</summary>
    private static bool TryEvent(ReadOnlySpan<byte> line, out double time, out char code, out int dataStart)
    {
        time = 0;
        code = '\0';
        dataStart = 0;
        if (line.Length < 8 || line[0] != '[')
        {
            return false;
        }

        var comma = line.IndexOf((byte)',');
        if (comma < 0 || !Utf8Parser.TryParse(line[1..comma].Trim((byte)' '), out time, out _) || !double.IsFinite(time) || time < 0)
        {
            return false;
        }

        var rest = line[(comma + 1)..].TrimStart((byte)' ');
        if (rest.Length < 4 || rest[0] != '"' || rest[2] != '"' || rest[3] != ',')
        {
            return false;
        }

        code = (char)rest[1];
        dataStart = line.Length - rest.Length + 4;
        return line[^1] == ']';
    }
}
