using System.Text;

namespace Bastion.Core.Recording;

/// <summary>
/// The line a user is typing, followed through readline's common editing keys so that a line edited before Enter is
/// the line that ran (a walk through the player: <c>echo one two</c>, Alt+B, <c>X</c> ran <c>echo one Xtwo</c> and was
/// missing from the command list): the cursor moves with Left/Right, Home/End, Ctrl+A/E/B/F and Alt+B/F; Backspace,
/// Delete, Ctrl+D, Ctrl+K, Ctrl+U and Ctrl+W delete where readline does. History (Up/Down) and completion are not
/// followed. Bounded to <see cref="CommandLineTracker.MaxLineLength"/> characters.
/// </summary>
internal sealed class TypedLine
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _csi = new();
    private int _cursor;
    private State _state;

    private enum State
    {
        None,
        Escape,
        Csi,
    }

    public override string ToString() => _text.ToString();

    public void Clear()
    {
        _text.Clear();
        _cursor = 0;
        _state = State.None;
    }

    /// <summary>One typed character (CR and LF are the caller's).</summary>
    public void Feed(char c)
    {
        switch (_state)
        {
            case State.Escape:
                _state = State.None;
                switch (c)
                {
                    case '[' or 'O':
                        _state = State.Csi;
                        _csi.Clear();
                        break;
                    case 'b':
                        WordBack();
                        break;
                    case 'f':
                        WordForward();
                        break;
                }

                return;
            case State.Csi:
                if (char.IsAsciiLetter(c) || c == '~' || _csi.Length >= 8)
                {
                    _state = State.None;
                    Key(c, _csi.ToString());
                }
                else
                {
                    _csi.Append(c);
                }

                return;
        }

        switch (c)
        {
            case '\x1b':
                _state = State.Escape;
                break;
            case '\x7f' or '\b':
                if (_cursor > 0)
                {
                    _text.Remove(--_cursor, 1);
                }

                break;
            case '\x03':
                Clear();
                break;
            case '\x15':
                _text.Remove(0, _cursor);
                _cursor = 0;
                break;
            case '\x17':
                var from = _cursor;
                WordBack(whitespaceOnly: true);
                _text.Remove(_cursor, from - _cursor);
                break;
            case '\x0b':
                _text.Length = _cursor;
                break;
            case '\x04':
                DeleteAtCursor();
                break;
            case '\x01':
                _cursor = 0;
                break;
            case '\x05':
                _cursor = _text.Length;
                break;
            case '\x02':
                _cursor = Math.Max(0, _cursor - 1);
                break;
            case '\x06':
                _cursor = Math.Min(_text.Length, _cursor + 1);
                break;
            default:
                if ((c == '\t' || !char.IsControl(c)) && _text.Length < CommandLineTracker.MaxLineLength)
                {
                    _text.Insert(_cursor++, c);
                }

                break;
        }
    }

    /// <summary>A cursor key sequence (<c>ESC [ params final</c> or <c>ESC O final</c>).</summary>
    private void Key(char final, string parameters)
    {
        switch (final)
        {
            case 'C':
                _cursor = Math.Min(_text.Length, _cursor + 1);
                break;
            case 'D':
                _cursor = Math.Max(0, _cursor - 1);
                break;
            case 'H':
                _cursor = 0;
                break;
            case 'F':
                _cursor = _text.Length;
                break;
            case '~' when parameters is "1" or "7":
                _cursor = 0;
                break;
            case '~' when parameters is "4" or "8":
                _cursor = _text.Length;
                break;
            case '~' when parameters == "3":
                DeleteAtCursor();
                break;
        }
    }

    private void DeleteAtCursor()
    {
        if (_cursor < _text.Length)
        {
            _text.Remove(_cursor, 1);
        }
    }

    /// <summary>Readline's backward-word: over the non-word characters before the cursor, then over the word (Ctrl+W:
    /// words end at whitespace only).</summary>
    private void WordBack(bool whitespaceOnly = false)
    {
        while (_cursor > 0 && !IsWord(_text[_cursor - 1], whitespaceOnly))
        {
            _cursor--;
        }

        while (_cursor > 0 && IsWord(_text[_cursor - 1], whitespaceOnly))
        {
            _cursor--;
        }
    }

    private void WordForward()
    {
        while (_cursor < _text.Length && !IsWord(_text[_cursor], false))
        {
            _cursor++;
        }

        while (_cursor < _text.Length && IsWord(_text[_cursor], false))
        {
            _cursor++;
        }
    }

    private static bool IsWord(char c, bool whitespaceOnly) => whitespaceOnly ? !char.IsWhiteSpace(c) : char.IsLetterOrDigit(c);
}
