using System.Buffers;
using System.Text;

namespace Bastion.Core.Recording.Search;

/// <summary>
/// Turns terminal output into the text a reader saw, for the search index: drops escape sequences (CSI, OSC, DCS and
/// the other strings, two- and three-byte escapes, 8-bit C1 forms) and control characters, keeps line breaks (a lone
/// carriage return counts as one, so progress lines do not run together). Stateful: a sequence split across two
/// recorded events is still dropped whole. Strings and CSI sequences that never end are cut at
/// <see cref="MaxSequenceChars"/> (the policy: back to text), so a stray ESC cannot swallow the rest of a session.
/// </summary>
internal sealed class AnsiStripper
{
    public const int MaxSequenceChars = 4096;

    // What Ground does not copy as it is: C0 controls (ESC, CR, LF, TAB among them), DEL and the C1 range.
    private static readonly SearchValues<char> s_special = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)));

    private State _state;
    private int _sequenceChars;
    private bool _lastWasCr;

    private enum State
    {
        Ground,
        Escape,
        EscapeIntermediate,
        Csi,
        String,
        StringEscape,
    }

    /// <summary>Appends the visible text of <paramref name="text"/> to <paramref name="into"/>.</summary>
    public void Append(ReadOnlySpan<char> text, StringBuilder into)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (_state == State.Ground)
            {
                // Printable runs are copied whole (issue 12: not a character at a time).
                var run = text[i..].IndexOfAny(s_special);
                var end = run < 0 ? text.Length : i + run;
                if (end > i)
                {
                    into.Append(text[i..end]);
                    _lastWasCr = false;
                    i = end;
                    if (i == text.Length)
                    {
                        return;
                    }
                }
            }

            var c = text[i];
            if (_state != State.Ground && ++_sequenceChars > MaxSequenceChars)
            {
                _state = State.Ground;
            }

            switch (_state)
            {
                case State.Ground:
                    Ground(c, into);
                    break;
                case State.Escape:
                    Escape(c);
                    break;
                case State.EscapeIntermediate:
                    if (c is < (char)0x20 or > (char)0x2F)
                    {
                        _state = State.Ground;
                    }

                    break;
                case State.Csi:
                    if (c is >= (char)0x40 and <= (char)0x7E)
                    {
                        _state = State.Ground;
                    }

                    break;
                case State.String:
                    if (c is '\a' or (char)0x9C)
                    {
                        _state = State.Ground;
                    }
                    else if (c == '\x1b')
                    {
                        _state = State.StringEscape;
                    }

                    break;
                case State.StringEscape:
                    // ESC \ is the string terminator; any other ESC ends the string and starts a new escape.
                    if (c == '\\')
                    {
                        _state = State.Ground;
                    }
                    else
                    {
                        _state = State.Escape;
                        Escape(c);
                    }

                    break;
            }
        }
    }

    private void Ground(char c, StringBuilder into)
    {
        switch (c)
        {
            case '\x1b':
                Enter(State.Escape);
                return;
            case (char)0x9B:
                Enter(State.Csi);
                return;
            case (char)0x90 or (char)0x98 or (char)0x9D or (char)0x9E or (char)0x9F:
                Enter(State.String);
                return;
            case '\r':
                into.Append('\n');
                _lastWasCr = true;
                return;
            case '\n':
                if (!_lastWasCr)
                {
                    into.Append('\n');
                }

                _lastWasCr = false;
                return;
            case '\t':
                into.Append(' ');
                break;
            default:
                if (!char.IsControl(c))
                {
                    into.Append(c);
                }

                break;
        }

        _lastWasCr = false;
    }

    private void Escape(char c)
    {
        switch (c)
        {
            case '[':
                _state = State.Csi;
                break;
            case ']' or 'P' or 'X' or '^' or '_':
                _state = State.String;
                break;
            case '\x1b':
                break;
            case >= (char)0x20 and <= (char)0x2F:
                _state = State.EscapeIntermediate;
                break;
            default:
                _state = State.Ground;
                break;
        }
    }

    private void Enter(State state)
    {
        _state = state;
        _sequenceChars = 0;
    }
}
