using System.Buffers;

namespace Bastion.Core.Recording;

/// <summary>
/// Rebuilds the command lines a user entered, for the command log. With input recording on, lines come from the
/// keystrokes (printable characters and readline's editing keys, see <see cref="TypedLine"/>; history and tab completion
/// are not followed).
/// With it off, the line the terminal echoed is stored instead (prompt included, escape sequences removed), and only
/// when it contains what was typed: keystrokes that were never echoed (a password at a no-echo prompt) are dropped
/// from memory after a few lines and never stored. Either way this is an aid for
/// navigating a recording, not a security boundary: the recording is the evidence.
/// </summary>
internal sealed class CommandLineTracker(bool fromInput)
{
    public const int MaxLineLength = 4096;

    /// <summary>How many output lines a typed line may wait for its echo (a login banner can come first).</summary>
    public const int MaxPendingLines = 200;

    /// <summary>What ends a run of printable characters: the C0 and C1 controls and DEL (<see cref="char.IsControl(char)"/>),
    /// ESC, CR, LF, Tab and the editing keys among them.</summary>
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0xA0).Where(c => char.IsControl((char)c)).Select(c => (char)c)));

    /// <summary>What ends a CSI sequence (its final character) and what ends an OSC string (BEL, or ESC of ST).</summary>
    private static readonly SearchValues<char> CsiFinal = SearchValues.Create(string.Concat(Enumerable.Range('@', '~' - '@' + 1).Select(c => (char)c)));

    private static readonly SearchValues<char> OscEnd = SearchValues.Create("\a\x1b");

    private readonly TypedLine _input = new();
    private readonly EchoLine _screen = new();
    private readonly Queue<(string Typed, int Misses)> _pending = new();
    private EscapeState _escape;
    private bool _carriageReturn;
    private int _csiParameter;
    private bool _csiPastFirst;

    private enum EscapeState
    {
        None,
        Escape,
        Csi,
        Osc,
        OscEscape,
    }

    /// <summary>Feeds typed text; returns lines completed by Enter (input mode only).</summary>
    public List<string> OnInput(string text)
    {
        var lines = new List<string>();
        foreach (var c in text)
        {
            if (c is '\r' or '\n')
            {
                if (fromInput)
                {
                    Emit(_input.ToString(), lines);
                    _input.Clear();
                }
                else if (_pending.Count < 16)
                {
                    // Tab completion changes the echo, so only the part typed before a tab must appear in it.
                    var typed = _input.ToString();
                    var tab = typed.IndexOf('\t', StringComparison.Ordinal);
                    _pending.Enqueue(((tab >= 0 ? typed[..tab] : typed).Trim(), 0));
                    _input.Clear();
                }
                else
                {
                    _input.Clear();
                }

                continue;
            }

            _input.Feed(c);
        }

        return lines;
    }

    /// <summary>The terminal's width, so the echo of a line longer than it is followed across its wraps.</summary>
    public int Columns
    {
        get => _screen.Columns;
        set => _screen.Columns = value;
    }

    /// <summary>Follows a resize event's <c>COLSxROWS</c>.</summary>
    public void OnResize(string size)
    {
        var x = size.IndexOf('x', StringComparison.Ordinal);
        if (x > 0 && int.TryParse(size.AsSpan(0, x), System.Globalization.CultureInfo.InvariantCulture, out var cols) && cols > 0)
        {
            Columns = cols;
        }
    }

    /// <summary>Feeds terminal output; returns echoed lines completed after an Enter (echo mode only).</summary>
    public List<string> OnOutput(ReadOnlySpan<char> text)
    {
        var lines = new List<string>();
        if (fromInput)
        {
            return lines;
        }

        // Issue 12: the flood's hot path. Runs of printable characters are put as runs and the inside of an escape
        // sequence is skipped with a vectorised search; everything else goes character by character as before.
        var i = 0;
        while (i < text.Length)
        {
            if (_escape is EscapeState.Csi or EscapeState.Osc)
            {
                i += SkipEscapeRun(text[i..]);
                continue;
            }

            if (_escape == EscapeState.None && !_carriageReturn)
            {
                var run = text[i..].IndexOfAny(Controls);
                if (run != 0)
                {
                    run = run < 0 ? text.Length - i : run;
                    _screen.PutRun(text.Slice(i, run));
                    i += run;
                    continue;
                }
            }

            OnOutputChar(text[i], lines);
            i++;
        }

        return lines;
    }

    /// <summary>One output character, as the tracker always followed them.</summary>
    private void OnOutputChar(char c, List<string> lines)
    {
        if (SkipEscape(c))
        {
            return;
        }

        if (c == '\r')
        {
            _carriageReturn = true;
            return;
        }

        if (c == '\n')
        {
            _carriageReturn = false;
            MatchEcho(lines);
            _screen.Clear();
            return;
        }

        if (_carriageReturn)
        {
            // A bare CR: see EchoLine.CarriageReturn.
            _carriageReturn = false;
            _screen.CarriageReturn();
        }

        _screen.Put(c);
    }

    /// <summary>Inside a CSI or OSC sequence: skips to its end (or the text's); returns the characters taken.</summary>
    private int SkipEscapeRun(ReadOnlySpan<char> text)
    {
        if (_escape == EscapeState.Csi)
        {
            var final = text.IndexOfAny(CsiFinal);
            foreach (var c in final < 0 ? text : text[..final])
            {
                AddCsiDigit(c);
            }

            if (final < 0)
            {
                return text.Length;
            }

            _escape = EscapeState.None;
            OnCsi(text[final], _csiParameter);
            return final + 1;
        }

        var end = text.IndexOfAny(OscEnd);
        if (end < 0)
        {
            return text.Length;
        }

        _escape = text[end] == '\a' ? EscapeState.None : EscapeState.OscEscape;
        return end + 1;
    }

    /// <summary>At each output line: the first pending entry the line contains was echoed, so the line is stored and
    /// the entries typed before it (never echoed) are forgotten; the rest expire after <see cref="MaxPendingLines"/>.</summary>
    private void MatchEcho(List<string> lines)
    {
        if (_pending.Count == 0)
        {
            // Nothing typed waits for its echo (a flood's every line): no string of the line is made (issue 12: it
            // was most of the relay's allocation per MB).
            return;
        }

        var screen = _screen.ToString().Trim();
        var items = _pending.ToList();
        _pending.Clear();
        // A loop, not FindIndex with a lambda: the lambda's closure over the line was made at every call, before the
        // early return above.
        var found = -1;
        for (var i = 0; i < items.Count && found < 0; i++)
        {
            if (items[i].Typed.Length > 0 && screen.Contains(items[i].Typed, StringComparison.Ordinal))
            {
                found = i;
            }
        }
        if (found >= 0)
        {
            lines.Add(screen);
            items = items.Skip(found + 1).ToList();
        }

        foreach (var (typed, misses) in items)
        {
            if (typed.Length > 0 && misses + 1 < MaxPendingLines)
            {
                _pending.Enqueue((typed, misses + 1));
            }
        }
    }

    private bool SkipEscape(char c)
    {
        switch (_escape)
        {
            case EscapeState.None when c == '\x1b':
                _escape = EscapeState.Escape;
                return true;
            case EscapeState.None:
                return false;
            case EscapeState.Escape:
                _escape = c switch { '[' => EscapeState.Csi, ']' => EscapeState.Osc, _ => EscapeState.None };
                _csiParameter = 0;
                _csiPastFirst = false;
                return true;
            case EscapeState.Csi:
                if (c is >= '@' and <= '~')
                {
                    _escape = EscapeState.None;
                    OnCsi(c, _csiParameter);
                }
                else
                {
                    AddCsiDigit(c);
                }

                return true;
            case EscapeState.Osc:
                _escape = c switch { '\a' => EscapeState.None, '\x1b' => EscapeState.OscEscape, _ => EscapeState.Osc };
                return true;
            default:
                _escape = EscapeState.None;
                return true;
        }
    }

    /// <summary>The sequence's first parameter: digits after a ';' or ':' are later parameters (ESC[1;5D, Ctrl+Left,
    /// moves one column, not fifteen).</summary>
    private void AddCsiDigit(char c)
    {
        if (c is ';' or ':')
        {
            _csiPastFirst = true;
        }
        else if (!_csiPastFirst && char.IsAsciiDigit(c) && _csiParameter < 10_000)
        {
            _csiParameter = (_csiParameter * 10) + (c - '0');
        }
    }

    /// <summary>The line editing readline sends while a line is edited: erase to end of line (K), cursor forward (C)
    /// and back (D), delete characters (P), insert blanks (@, as bash sent inserting before a word over SSH). Other
    /// sequences (colours, modes) do not change the line.</summary>
    private void OnCsi(char final, int parameter)
    {
        var count = Math.Max(1, parameter);
        switch (final)
        {
            case 'K' when parameter == 0:
                _screen.EraseToEnd();
                break;
            case 'C':
                _screen.Forward(count);
                break;
            case 'D':
                _screen.Back(count);
                break;
            case '@':
                _screen.InsertBlanks(count);
                break;
            case 'P':
                _screen.Delete(count);
                break;
        }
    }

    private static void Emit(string line, List<string> lines)
    {
        var text = line.Replace('\t', ' ').Trim();
        if (text.Length > 0)
        {
            lines.Add(text);
        }
    }
}
