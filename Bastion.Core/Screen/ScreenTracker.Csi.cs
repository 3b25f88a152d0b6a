namespace Bastion.Core.Screen;

internal sealed partial class ScreenTracker
{
    private void CsiDispatch(int collect, int final)
    {
        if (collect == '?')
        {
            switch (final)
            {
                case 'h':
                    SetPrivateModes(true);
                    break;
                case 'l':
                    SetPrivateModes(false);
                    break;
                case 'J':
                    EraseInDisplay(Param(0));
                    break;
                case 'K':
                    EraseInLine(Param(0));
                    break;
            }

            return;
        }

        if (collect == ' ' && final == 'q')
        {
            // xterm.js's setCursorStyle: 0 resets both; 1-6 set the shape; any other sets only the blinking.
            var style = Param(0);
            if (style == 0)
            {
                _modes.CursorShape = 0;
                _modes.CursorBlink = null;
            }
            else
            {
                _modes.CursorShape = style <= 6 ? (style + 1) / 2 : _modes.CursorShape;
                _modes.CursorBlink = style % 2 == 1;
            }

            return;
        }

        if (collect == '!' && final == 'p')
        {
            SoftReset();
            return;
        }

        if (collect != 0)
        {
            return;
        }

        var p = Param(0);
        var n = Math.Max(p, 1);
        var buffer = _active;
        switch (final)
        {
            case '@':
                RestrictCursor();
                buffer.Row(buffer.Y).InsertCells(buffer.X, Math.Min(n, _columns), _pen.EraseCell());
                break;
            case 'A':
                CursorUp(n);
                break;
            case 'B':
                CursorDown(n);
                break;
            case 'C' or 'a':
                MoveCursor(Math.Min(n, _columns), 0);
                break;
            case 'D':
                MoveCursor(-Math.Min(n, _columns), 0);
                break;
            case 'E':
                CursorDown(n);
                buffer.X = 0;
                break;
            case 'F':
                CursorUp(n);
                buffer.X = 0;
                break;
            case 'G' or '`':
                SetCursor(Math.Min(n, _columns + 1) - 1, buffer.Y);
                break;
            case 'H' or 'f':
                SetCursor(ParamCount() >= 2 ? Math.Min(Math.Max(Param(1), 1), _columns + 1) - 1 : 0, Math.Min(n, _rows + 1) - 1);
                break;
            case 'I':
                for (var i = 0; i < Math.Min(n, _columns) && buffer.X < _columns; i++)
                {
                    buffer.X = buffer.NextTabStop(buffer.X);
                }

                break;
            case 'J':
                EraseInDisplay(p);
                break;
            case 'K':
                EraseInLine(p);
                break;
            case 'L':
                InsertOrDeleteLines(n, insert: true);
                break;
            case 'M':
                InsertOrDeleteLines(n, insert: false);
                break;
            case 'P':
                RestrictCursor();
                buffer.Row(buffer.Y).DeleteCells(buffer.X, Math.Min(n, _columns), _pen.EraseCell());
                break;
            case 'S':
                for (var i = 0; i < Math.Min(n, _rows); i++)
                {
                    buffer.ScrollUp(buffer.ScrollTop, buffer.ScrollBottom, _pen.EraseCell());
                }

                break;
            case 'T':
                for (var i = 0; i < Math.Min(n, _rows); i++)
                {
                    buffer.ScrollDown(buffer.ScrollTop, buffer.ScrollBottom, default(ScreenPen).EraseCell());
                }

                break;
            case 'X':
                RestrictCursor();
                buffer.Row(buffer.Y).ReplaceCells(buffer.X, buffer.X + Math.Min(n, _columns), _pen.EraseCell());
                break;
            case 'Z':
                for (var i = 0; i < Math.Min(n, _columns) && buffer.X < _columns; i++)
                {
                    buffer.X = buffer.PreviousTabStop(buffer.X);
                }

                break;
            case 'b':
                RepeatPrecedingCharacter(n);
                break;
            case 'd':
                SetCursor(buffer.X, Math.Min(n, _rows + 1) - 1);
                break;
            case 'e':
                MoveCursor(0, Math.Min(n, _rows));
                break;
            case 'g':
                if (p == 0)
                {
                    buffer.SetTab(buffer.X, false);
                }
                else if (p == 3)
                {
                    buffer.ClearTabs();
                }

                break;
            case 'h' or 'l':
                for (var i = 0; i < ParamCount(); i++)
                {
                    if (Param(i) == 4)
                    {
                        _modes.Insert = final == 'h';
                    }
                }

                break;
            case 'm':
                SelectGraphicRendition();
                break;
            case 'r':
                SetScrollRegion();
                break;
            case 's':
                SaveCursor();
                break;
            case 'u':
                RestoreCursor();
                break;
        }
    }

    private void CursorUp(int n)
    {
        var diffToTop = _active.Y - _active.ScrollTop;
        MoveCursor(0, -(diffToTop >= 0 ? Math.Min(diffToTop, n) : Math.Min(n, _rows)));
    }

    private void CursorDown(int n)
    {
        var diffToBottom = _active.ScrollBottom - _active.Y;
        MoveCursor(0, diffToBottom >= 0 ? Math.Min(diffToBottom, n) : Math.Min(n, _rows));
    }

    private void EraseInDisplay(int mode)
    {
        RestrictCursor(_columns);
        var buffer = _active;
        var fill = _pen.EraseCell();
        switch (mode)
        {
            case 0:
                buffer.Row(buffer.Y).ReplaceCells(buffer.X, _columns, fill);
                for (var y = buffer.Y + 1; y < _rows; y++)
                {
                    buffer.Row(y).Fill(fill);
                }

                break;
            case 1:
                buffer.Row(buffer.Y).ReplaceCells(0, buffer.X + 1, fill);
                for (var y = 0; y < buffer.Y; y++)
                {
                    buffer.Row(y).Fill(fill);
                }

                break;
            case 2:
                buffer.Fill(fill);
                break;
        }
    }

    private void EraseInLine(int mode)
    {
        RestrictCursor(_columns);
        var buffer = _active;
        var row = buffer.Row(buffer.Y);
        switch (mode)
        {
            case 0:
                row.ReplaceCells(buffer.X, _columns, _pen.EraseCell());
                break;
            case 1:
                row.ReplaceCells(0, buffer.X + 1, _pen.EraseCell());
                break;
            case 2:
                row.ReplaceCells(0, _columns, _pen.EraseCell());
                break;
        }
    }

    private void InsertOrDeleteLines(int n, bool insert)
    {
        RestrictCursor();
        var buffer = _active;
        if (buffer.Y > buffer.ScrollBottom || buffer.Y < buffer.ScrollTop)
        {
            return;
        }

        var count = Math.Min(n, buffer.ScrollBottom - buffer.Y + 1);
        for (var i = 0; i < count; i++)
        {
            if (insert)
            {
                buffer.ScrollDown(buffer.Y, buffer.ScrollBottom, _pen.EraseCell());
            }
            else
            {
                buffer.ScrollUp(buffer.Y, buffer.ScrollBottom, _pen.EraseCell());
            }
        }

        buffer.X = 0;
    }

    private void SetScrollRegion()
    {
        var top = Math.Max(Param(0), 1);
        var bottom = Param(1);
        if (ParamCount() < 2 || bottom > _rows || bottom == 0)
        {
            bottom = _rows;
        }

        if (bottom > top)
        {
            _active.ScrollTop = top - 1;
            _active.ScrollBottom = bottom - 1;
            SetCursor(0, 0);
        }
    }

    private void SoftReset()
    {
        _modes.SoftReset();
        _active.ScrollTop = 0;
        _active.ScrollBottom = _rows - 1;
        _pen = default;
        Array.Clear(_charsets);
        _glevel = 0;
        _charset = '\0';
        _active.SavedX = 0;
        _active.SavedY = 0;
        _active.SavedPen = _pen;
        _active.SavedCharset = _charset;
    }
}
