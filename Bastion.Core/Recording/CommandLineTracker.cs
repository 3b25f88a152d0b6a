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

    /// <summary>Feeds terminal output; returns echoed lines completed after an Enter (echo mode only).</summary>
    public List<string> OnOutput(string text)
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
                continue;
            }

            if (_carriageReturn)
            {
                // A bare CR returns to column 0: what follows redraws the line.
                _carriageReturn = false;
                _screen.Clear();
            }

            Edit(_screen, c);
        }

        return lines;
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
