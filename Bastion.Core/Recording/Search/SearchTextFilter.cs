using System.Buffers;
using System.Text;

namespace Bastion.Core.Recording.Search;

/// <summary>
/// What of a row's text reaches the index (issue 12: the index's CPU is per term it hashes, and output nobody searches
/// for is most of a flood's): a high-entropy token (<see cref="HighEntropyTokens"/>) becomes <see cref="Elided"/>, and a
/// line that repeats one already in the row is left out, since a row needs a word once to be found by it and a line
/// kept whole keeps its phrases. A row left without a letter or digit is not stored at all. The recording keeps
/// everything; only the index and its snippets see less. Cost: one copy of the row into a buffer kept between rows,
/// vectorised scans for the token runs, and no string for anything left out; the row's one string is made from the
/// filtered text. Memory: the buffer and the line table grow to the largest row (the bucketer's bound,
/// <see cref="SearchBucketer.MaxChars"/> twice) and are kept for the pass. Not thread-safe: one per pass.
/// </summary>
internal sealed class SearchTextFilter(SearchTextRules rules)
{
    /// <summary>What stands in a row for a token left out: not a letter or digit, so no engine indexes it.</summary>
    public const char Elided = '…';

    private static readonly SearchValues<char> s_asciiWordChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    private readonly RepeatedLines _lines = new();
    private char[] _buffer = [];

    public SearchTextRules Rules { get; } = rules;

    /// <summary>Whether the filter changes anything (both rules off: rows are stored as they were cut).</summary>
    public bool Active => Rules.SkipHighEntropyTokens || Rules.SkipRepeatedLines;

    /// <summary>The index's text of <paramref name="length"/> characters of <paramref name="text"/> from its start, or
    /// null when nothing in it is a word.</summary>
    public string? Filter(StringBuilder text, int length)
    {
        if (_buffer.Length < length)
        {
            _buffer = new char[Math.Max(length, 2 * SearchBucketer.MaxChars)];
        }

        text.CopyTo(0, _buffer, length);
        var kept = Apply(_buffer.AsSpan(0, length));
        var filtered = _buffer.AsSpan(0, kept);
        return HasWord(filtered) ? new string(filtered) : null;
    }

    /// <summary>The same for a string (tests and measurements).</summary>
    public string? Filter(string text) => Filter(new StringBuilder(text), text.Length);

    /// <summary>Filters <paramref name="text"/> in place; returns the length kept (never more than it was).</summary>
    public int Apply(Span<char> text)
    {
        if (Rules.SkipRepeatedLines)
        {
            _lines.Start(text.Count('\n') + 1);
        }

        var read = 0;
        var write = 0;
        while (read < text.Length)
        {
            var newline = text[read..].IndexOf('\n');
            var end = newline < 0 ? text.Length : read + newline;
            var lineStart = write;
            write = CopyLine(text, read, end, write);
            if (Rules.SkipRepeatedLines && _lines.Seen(text, lineStart, write - lineStart))
            {
                write = lineStart; // the line and its break
            }
            else if (newline >= 0)
            {
                text[write++] = '\n';
            }

            read = end + 1;
        }

        return write;
    }

    /// <summary>Copies the line <c>text[from..to]</c> to <paramref name="write"/> (at most <paramref name="from"/>),
    /// each high-entropy token as <see cref="Elided"/>; returns where the next write goes.</summary>
    private int CopyLine(Span<char> text, int from, int to, int write)
    {
        if (!Rules.SkipHighEntropyTokens)
        {
            text[from..to].CopyTo(text[write..]);
            return write + (to - from);
        }

        var at = from;
        while (at < to)
        {
            var start = text[at..to].IndexOfAny(HighEntropyTokens.TokenChars);
            var tokenStart = start < 0 ? to : at + start;
            text[at..tokenStart].CopyTo(text[write..]);
            write += tokenStart - at;
            if (tokenStart == to)
            {
                break;
            }

            var length = text[tokenStart..to].IndexOfAnyExcept(HighEntropyTokens.TokenChars);
            var tokenEnd = length < 0 ? to : tokenStart + length;
            var token = text[tokenStart..tokenEnd];
            if (HighEntropyTokens.IsHighEntropy(token))
            {
                text[write++] = Elided;
                while (tokenEnd < to && text[tokenEnd] == '=')
                {
                    tokenEnd++; // its padding
                }
            }
            else
            {
                token.CopyTo(text[write..]);
                write += token.Length;
            }

            at = tokenEnd;
        }

        return write;
    }

    private static bool HasWord(ReadOnlySpan<char> text)
    {
        if (text.ContainsAny(s_asciiWordChars))
        {
            return true;
        }

        foreach (var c in text)
        {
            // A surrogate half is counted as a word: the letters beyond the first plane (CJK extensions among them).
            if (c > '\x7f' && (char.IsLetterOrDigit(c) || char.IsSurrogate(c)))
            {
                return true;
            }
        }

        return false;
    }
}
