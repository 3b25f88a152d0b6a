using System.Text;

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

    private readonly TypedLine _input = new();
    private readonly StringBuilder _screen = new();
    private readonly Queue<(string Typed, int Misses)> _pending = new();
    private EscapeState _escape;
    private bool _carriageReturn;
    private int _csiParameter;

    // Where output goes in _screen, where the cursor's terminal row starts in it, and the cursor's column on that row.
    private int _cursor;
    private int _rowStart;
    private int _column;

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
    public int Columns { get; set; } = 80;

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

        foreach (var c in text)
        {
            if (SkipEscape(c))
            {
                continue;
            }

            if (c == '\r')
            {
                _carriageReturn = true;
                continue;
            }

            if (c == '\n')
            {
                _carriageReturn = false;
                MatchEcho(lines);
                _screen.Clear();
                _cursor = _rowStart = _column = 0;
                continue;
            }

            if (_carriageReturn)
            {
                // A bare CR returns to column 0 of the row the cursor is on. On the first row that redraws the line.
                // On a later row of a wrapped line it only rewrites that row: readline sends one as it wraps a long
                // command past the right margin (issue 13: a 300-character command was missing), so the rows before
                // it are kept.
                _carriageReturn = false;
                if (_rowStart == 0)
                {
                    _screen.Clear();
                }

                _cursor = _rowStart;
                _column = 0;
            }

            Put(c);
        }

        return lines;
    }

    /// <summary>Writes one output character at the cursor, as the terminal would: overwriting after a CR, wrapping
    /// after <see cref="Columns"/> (deferred, as xterm does: the wrap happens at the next printable character).</summary>
    private void Put(char c)
    {
        if (c is '\x7f' or '\b')
        {
            // A backspace echo moves left only: readline erases with "\b" + erase to end of line (or "\b \b"), and
            // moves left with it too (Alt+B, Left) before it rewrites the line's rest.
            _cursor = Math.Max(0, _cursor - 1);

            _column = Math.Max(0, _column - 1);
            return;
        }

        if (c is '\x15' or '\x03')
        {
            _screen.Clear();
            _cursor = _rowStart = _column = 0;
            return;
        }

        if (c != '\t' && char.IsControl(c))
        {
            return;
        }

        if (_column >= Columns)
        {
            _rowStart = _cursor;
            _column = 0;
        }

        if (_cursor < _screen.Length)
        {
            _screen[_cursor] = c;
        }
        else if (_screen.Length < MaxLineLength)
        {
            _screen.Append(c);
        }
        else
        {
            return;
        }

        _cursor++;
        _column++;
    }

    /// <summary>At each output line: the first pending entry the line contains was echoed, so the line is stored and
    /// the entries typed before it (never echoed) are forgotten; the rest expire after <see cref="MaxPendingLines"/>.</summary>
    private void MatchEcho(List<string> lines)
    {
        var screen = _screen.ToString().Trim();
        var items = _pending.ToList();
        _pending.Clear();
        var found = items.FindIndex(p => p.Typed.Length > 0 && screen.Contains(p.Typed, StringComparison.Ordinal));
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
                return true;
            case EscapeState.Csi:
                if (c is >= '@' and <= '~')
                {
                    _escape = EscapeState.None;
                    OnCsi(c, _csiParameter);
                }
                else if (char.IsAsciiDigit(c) && _csiParameter < 10_000)
                {
                    _csiParameter = (_csiParameter * 10) + (c - '0');
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

    /// <summary>The line editing readline sends while a line is edited: erase to end of line (K), cursor forward (C)
    /// and back (D), delete characters (P), insert blanks (@, as bash sent inserting before a word over SSH). Other sequences (colours, modes) do not change the line.</summary>
    private void OnCsi(char final, int parameter)
    {
        var count = Math.Max(1, parameter);
        switch (final)
        {
            case 'K' when parameter == 0 && _cursor < _screen.Length:
                _screen.Length = _cursor;
                break;
            case 'C':
                for (var i = 0; i < count && _cursor < MaxLineLength; i++, _cursor++, _column++)
                {
                    if (_cursor == _screen.Length)
                    {
                        _screen.Append(' ');
                    }
                }

                break;
            case 'D':
                _cursor = Math.Max(0, _cursor - count);
                _column = Math.Max(0, _column - count);
                break;
            case '@' when _cursor < _screen.Length:
                _screen.Insert(_cursor, " ", Math.Min(count, Math.Max(0, MaxLineLength - _screen.Length)));
                break;
            case 'P' when _cursor < _screen.Length:
                _screen.Remove(_cursor, Math.Min(count, _screen.Length - _cursor));
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
