using System.Text;

namespace Bastion.Core.Recording;

/// <summary>
/// Rebuilds the command lines a user entered, for the command log. With input recording on, lines come from the
/// keystrokes (printable characters, Backspace, Ctrl+U/Ctrl+C; cursor keys and tab completion are not followed).
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

    private readonly StringBuilder _input = new();
    private readonly StringBuilder _screen = new();
    private readonly Queue<(string Typed, int Misses)> _pending = new();
    private EscapeState _escape;
    private bool _carriageReturn;

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
        var inEscape = false;
        foreach (var c in text)
        {
            if (c is '\r' or '\n')
            {
                if (fromInput)
                {
                    Emit(_input, lines);
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

                inEscape = false;
                continue;
            }

            // Cursor keys and other sequences: skip them (ESC, then an optional '[' or 'O' and one final letter).
            if (c == '\x1b')
            {
                inEscape = true;
                continue;
            }

            if (inEscape)
            {
                if (char.IsAsciiLetter(c) || c == '~')
                {
                    inEscape = false;
                }

                continue;
            }

            Edit(_input, c);
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
            // At the end of the line a backspace echo erases (readline sends "\b \b" or "\b" + erase to end of line).
            if (_cursor > 0)
            {
                _cursor--;
                if (_cursor == _screen.Length - 1)
                {
                    _screen.Length = _cursor;
                }
            }

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
                return true;
            case EscapeState.Csi:
                if (c is >= '@' and <= '~')
                {
                    _escape = EscapeState.None;
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

    private static void Edit(StringBuilder line, char c)
    {
        switch (c)
        {
            case '\x7f' or '\b':
                if (line.Length > 0)
                {
                    line.Length--;
                }

                break;
            case '\x15' or '\x03':
                line.Clear();
                break;
            case '\t':
                Append(line, '\t');
                break;
            default:
                if (!char.IsControl(c))
                {
                    Append(line, c);
                }

                break;
        }
    }

    private static void Append(StringBuilder line, char c)
    {
        if (line.Length < MaxLineLength)
        {
            line.Append(c);
        }
    }

    private static void Emit(StringBuilder line, List<string> lines)
    {
        var text = line.ToString().Replace('\t', ' ').Trim();
        line.Clear();
        if (text.Length > 0)
        {
            lines.Add(text);
        }
    }
}
