using System.Text;

namespace Bastion.Core.Recording.Search;

/// <summary>
/// Cuts one direction of a session (output or input) into index rows: the visible text (<see cref="AnsiStripper"/>)
/// of at most <see cref="WindowMs"/> of recording, so a hit's offset is within a second of when the text appeared.
/// A bucket closes at a line break when it can: a short unfinished line (a command being typed, echoed a character
/// at a time) is carried into the next bucket (<see cref="SearchCarry"/>) with its own start, unless it is older than
/// <see cref="CarryMaxAgeMs"/> (a prompt left waiting is indexed alone), and once that line ends it is indexed alone,
/// so what follows gets its own offset. What of a row reaches the index is the <see cref="SearchTextFilter"/>'s to
/// say (a pass's two bucketers share one). Memory: one bucket, at most <see cref="MaxChars"/> plus one event's text.
/// </summary>
internal sealed class SearchBucketer(char kind, SearchTextFilter? filter = null)
{
    public const long WindowMs = 1000;

    public const long CarryMaxAgeMs = 10_000;

    public const int MaxChars = 4096;

    public const int MaxCarryChars = 512;

    private readonly AnsiStripper _stripper = new();
    private readonly StringBuilder _text = new();
    private long _startMs = -1;
    private long _lineStartMs;
    private long _lastMs;
    private bool _fromCarry;

    public char Kind { get; } = kind;

    /// <summary>Starts with text left over from a previous pass.</summary>
    public void Resume(SearchCarry carry)
    {
        if (carry.Text.Length > 0)
        {
            _text.Append(carry.Text);
            _startMs = carry.OffsetMs;
            _lineStartMs = carry.OffsetMs;
            _lastMs = Math.Max(_lastMs, carry.OffsetMs);
            _fromCarry = true;
        }
    }

    public void Add(double offsetSeconds, ReadOnlySpan<char> text, List<SearchChunk> into)
    {
        var ms = Math.Max(0, (long)Math.Round(offsetSeconds * 1000));
        if (_startMs >= 0 && (ms - _startMs >= WindowMs || _text.Length >= MaxChars))
        {
            Close(ms, into);
        }

        _lastMs = ms;
        var before = _text.Length;
        _stripper.Append(text, _text);
        if (_text.Length == before)
        {
            return;
        }

        if (_startMs < 0)
        {
            _startMs = ms;
            _lineStartMs = ms;
        }

        var firstBreak = IndexOfBreak(before);
        if (firstBreak >= 0)
        {
            _lineStartMs = ms;
            if (_fromCarry)
            {
                // The carried line is complete: it keeps its own offset, the rest starts a bucket at this event's.
                Emit(_startMs, firstBreak, into);
                _text.Remove(0, firstBreak + 1);
                _startMs = _text.Length > 0 ? ms : -1;
                _fromCarry = false;
            }
        }

        // One huge event (a file dumped at once) becomes several rows at the same offset.
        while (_text.Length >= 2 * MaxChars)
        {
            var cut = CutPoint(MaxChars);
            Emit(_startMs, cut, into);
            _text.Remove(0, cut);
        }
    }

    /// <summary>Closes the open bucket as of <paramref name="nowMs"/> (the latest event's offset) and returns what
    /// carries over.</summary>
    public SearchCarry Close(long nowMs, List<SearchChunk> into)
    {
        if (_startMs < 0)
        {
            return SearchCarry.None;
        }

        // One copy of the text per row (issue 12): the row and the carried tail are cut from the builder directly.
        var lastBreak = LastIndexOfBreak();
        var tailLength = _text.Length - (lastBreak + 1);
        var tailStart = lastBreak >= 0 ? _lineStartMs : _startMs;
        var carry = SearchCarry.None;
        if (tailLength > 0 && tailLength <= MaxCarryChars && nowMs - tailStart < CarryMaxAgeMs)
        {
            if (lastBreak > 0)
            {
                Emit(_startMs, lastBreak, into);
            }

            carry = new SearchCarry(_text.ToString(lastBreak + 1, tailLength), tailStart);
        }
        else
        {
            Emit(_startMs, _text.Length, into);
        }

        _text.Clear();
        _startMs = -1;
        _fromCarry = false;
        Resume(carry);
        return carry;
    }

    /// <summary>Closes the bucket at the end of a pass: what carries over is kept with the progress.</summary>
    public SearchCarry Close(List<SearchChunk> into) => Close(_lastMs, into);

    /// <summary>Everything, carry included: the recording is complete.</summary>
    public void Flush(List<SearchChunk> into)
    {
        if (_startMs >= 0)
        {
            Emit(_startMs, _text.Length, into);
        }

        _text.Clear();
        _startMs = -1;
        _fromCarry = false;
    }

    private int IndexOfBreak(int from)
    {
        for (var i = from; i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private int LastIndexOfBreak()
    {
        for (var i = _text.Length - 1; i >= 0; i--)
        {
            if (_text[i] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private int CutPoint(int limit)
    {
        for (var i = limit - 1; i > limit / 2; i--)
        {
            if (_text[i] is '\n' or ' ')
            {
                return i + 1;
            }
        }

        return limit;
    }

    /// <summary>A row of the bucket's first <paramref name="length"/> characters, as the filter leaves them (issue 12:
    /// the one string made per row is the filtered text).</summary>
    private void Emit(long offsetMs, int length, List<SearchChunk> into)
    {
        var text = filter is { Active: true } ? filter.Filter(_text, length) : _text.ToString(0, length);
        if (!string.IsNullOrWhiteSpace(text))
        {
            into.Add(new SearchChunk(Kind, offsetMs, text));
        }
    }
}
