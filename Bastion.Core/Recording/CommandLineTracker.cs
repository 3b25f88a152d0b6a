using System.Text;

namespace Bastion.Core.Recording;

/// <summary>
/// Rebuilds the command lines a user entered, for the command log. With input recording on, lines come from the
/// keystrokes (printable characters, Backspace, Ctrl+U/Ctrl+C; cursor keys and tab completion are not followed).
/// With it off, keystrokes are never kept: at Enter, the line the terminal echoed (prompt included, escape sequences
/// removed) is taken instead, so a password typed at a no-echo prompt is not stored. Either way this is an aid for
/// navigating a recording, not a security boundary: the recording is the evidence.
/// </summary>
internal sealed class CommandLineTracker(bool fromInput)
{
    public const int MaxLineLength = 4096;

    private readonly StringBuilder _input = new();
    private readonly StringBuilder _screen = new();
    private int _pendingEnters;
    private EscapeState _escape;

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
                else
                {
                    _pendingEnters = Math.Min(_pendingEnters + 1, 16);
                }

                inEscape = false;
                continue;
            }

            if (!fromInput)
            {
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

            if (c == '\n')
            {
                if (_pendingEnters > 0)
                {
                    _pendingEnters--;
                    Emit(_screen, lines);
                }

                _screen.Clear();
                continue;
            }

            Edit(_screen, c);
        }

        return lines;
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
                Append(line, ' ');
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
        var text = line.ToString().Trim();
        line.Clear();
        if (text.Length > 0)
        {
            lines.Add(text);
        }
    }
}
