namespace Bastion.Core.Screen;

internal sealed partial class ScreenTracker
{
    private void Execute(int code)
    {
        _joinState = 0;
        var buffer = _active;
        switch (code)
        {
            case 0x0A or 0x0B or 0x0C:
                LineFeed();
                break;
            case 0x0D:
                buffer.X = 0;
                break;
            case 0x08:
                // Reverse wraparound (DECSET 45) needs line-wrap flags the model does not keep: a known limit.
                RestrictCursor();
                if (buffer.X > 0)
                {
                    buffer.X--;
                }

                break;
            case 0x09:
                if (buffer.X < _columns)
                {
                    buffer.X = buffer.NextTabStop(buffer.X);
                }

                break;
            case 0x0E:
                SetCharsetLevel(1);
                break;
            case 0x0F:
                SetCharsetLevel(0);
                break;
        }
    }

    private void ExecuteC1(int code)
    {
        switch (code)
        {
            case 0x84:
                Index();
                break;
            case 0x85:
                _active.X = 0;
                Index();
                break;
            case 0x88:
                _active.SetTab(_active.X, true);
                break;
        }
    }

    private void EscDispatch(int collect, int final)
    {
        _joinState = 0;
        if (collect == 0)
        {
            switch (final)
            {
                case '7':
                    SaveCursor();
                    break;
                case '8':
                    RestoreCursor();
                    break;
                case 'D':
                    Index();
                    break;
                case 'E':
                    _active.X = 0;
                    Index();
                    break;
                case 'H':
                    _active.SetTab(_active.X, true);
                    break;
                case 'M':
                    ReverseIndex();
                    break;
                case '=':
                    _modes.ApplicationKeypad = true;
                    break;
                case '>':
                    _modes.ApplicationKeypad = false;
                    break;
                case 'c':
                    FullReset();
                    break;
                case 'n':
                    SetCharsetLevel(2);
                    break;
                case 'o' or '|':
                    SetCharsetLevel(3);
                    break;
                case '}':
                    SetCharsetLevel(2);
                    break;
                case '~':
                    SetCharsetLevel(1);
                    break;
            }

            return;
        }

        if (collect == '%' && final is '@' or 'G')
        {
            SetCharset(0, '\0');
            return;
        }

        if (collect == '#' && final == '8')
        {
            ScreenAlignmentPattern();
            return;
        }

        var level = collect switch
        {
            '(' => 0,
            ')' or '-' => 1,
            '*' or '.' => 2,
            '+' => 3,
            _ => -1,
        };
        if (level >= 0 && IsCharsetName(final))
        {
            SetCharset(level, final == 'B' ? '\0' : (char)final);
        }
    }

    /// <summary>The charsets xterm.js knows (its CHARSETS table); others leave the designation unchanged.</summary>
    private static bool IsCharsetName(int final) => final is '0' or 'A' or 'B' or '4' or 'C' or '5' or 'R' or 'Q'
        or 'K' or 'Y' or 'E' or '6' or 'Z' or 'H' or '7' or '=';

    private void SetCharsetLevel(int level)
    {
        _glevel = level;
        _charset = _charsets[level];
    }

    private void SetCharset(int level, char name)
    {
        _charsets[level] = name;
        if (_glevel == level)
        {
            _charset = name;
        }
    }

    private void LineFeed()
    {
        var buffer = _active;
        buffer.Y++;
        if (buffer.Y == buffer.ScrollBottom + 1)
        {
            buffer.Y--;
            ScrollUp();
        }
        else if (buffer.Y >= _rows)
        {
            buffer.Y = _rows - 1;
        }

        if (buffer.X >= _columns)
        {
            buffer.X--;
        }
    }

    private void Index()
    {
        RestrictCursor();
        var buffer = _active;
        buffer.Y++;
        if (buffer.Y == buffer.ScrollBottom + 1)
        {
            buffer.Y--;
            ScrollUp();
        }
        else if (buffer.Y >= _rows)
        {
            buffer.Y = _rows - 1;
        }

        RestrictCursor();
    }

    private void ReverseIndex()
    {
        RestrictCursor();
        var buffer = _active;
        if (buffer.Y == buffer.ScrollTop)
        {
            buffer.ScrollDown(buffer.ScrollTop, buffer.ScrollBottom, _pen.EraseCell());
        }
        else
        {
            buffer.Y--;
            RestrictCursor();
        }
    }

    /// <summary>One line up within the scroll region, as a line feed at its bottom does.</summary>
    private void ScrollUp()
    {
        var buffer = _active;
        buffer.ScrollUp(buffer.ScrollTop, buffer.ScrollBottom, _pen.EraseCell());

        // In the normal buffer a region starting at the top pushes its first line into scrollback, which moves the
        // DECSC position (kept as an absolute line by xterm.js) up with the text.
        if (buffer == _normal && buffer.ScrollTop == 0)
        {
            buffer.SavedY--;
        }
    }

    private void SaveCursor()
    {
        var buffer = _active;
        buffer.SavedX = buffer.X;
        buffer.SavedY = buffer.Y;
        buffer.SavedPen = _pen;
        buffer.SavedCharset = _charset;
    }

    private void RestoreCursor()
    {
        var buffer = _active;
        buffer.X = buffer.SavedX;
        buffer.Y = Math.Max(buffer.SavedY, 0);
        var saved = buffer.SavedPen;
        _pen.Fg = saved.Fg;
        _pen.Bg = saved.Bg;
        _charset = buffer.SavedCharset;
        RestrictCursor();
    }

    private void ScreenAlignmentPattern()
    {
        var cell = _pen.Cell('E', 1);
        SetCursor(0, 0);
        for (var y = 0; y < _rows; y++)
        {
            var row = _active.Row(y);
            for (var x = 0; x < _columns; x++)
            {
                row.Set(x, cell);
            }
        }

        SetCursor(0, 0);
    }

    private void RestrictCursor(int maxColumn = -1)
    {
        var buffer = _active;
        buffer.X = Math.Min(maxColumn < 0 ? _columns - 1 : maxColumn, Math.Max(0, buffer.X));
        buffer.Y = _modes.Origin
            ? Math.Min(buffer.ScrollBottom, Math.Max(buffer.ScrollTop, buffer.Y))
            : Math.Min(_rows - 1, Math.Max(0, buffer.Y));
    }

    private void SetCursor(int x, int y)
    {
        _active.X = x;
        _active.Y = _modes.Origin ? _active.ScrollTop + y : y;
        RestrictCursor();
    }

    private void MoveCursor(int dx, int dy)
    {
        RestrictCursor();
        SetCursor(_active.X + dx, _active.Y + dy);
    }
}
