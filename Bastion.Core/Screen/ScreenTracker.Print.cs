namespace Bastion.Core.Screen;

internal sealed partial class ScreenTracker
{
    /// <summary>Writes one printable code point at the cursor: xterm.js's InputHandler.print, one code point at a time.</summary>
    private void Print(int code)
    {
        var buffer = _active;
        var columns = _columns;
        var row = buffer.Row(buffer.Y);

        // Overwriting the right half of a wide character blanks its left half.
        if (buffer.X > 0 && buffer.X <= columns && row[buffer.X - 1].Width == 2)
        {
            row.SetEmpty(buffer.X - 1, _pen.Cell(0, 1));
        }

        if (code < 0x7F && _charset == '0')
        {
            code = DecSpecialGraphics.Translate(code);
        }

        var width = code < 0x300 ? 1 : UnicodeWidth.Of(code);
        var join = width == 0 && _joinState != 0;
        var oldWidth = 0;
        if (join)
        {
            oldWidth = (_joinState >> 1) & 3;
            if (oldWidth == 0)
            {
                join = false;
            }
            else if (oldWidth > width)
            {
                width = oldWidth;
            }
        }

        if (!join)
        {
            oldWidth = 0;
        }

        _joinState = (width << 1) | (join ? 1 : 0);

        if (buffer.X + width - oldWidth > columns)
        {
            if (_modes.Wraparound)
            {
                var oldRow = row;
                var oldColumn = buffer.X - oldWidth;
                buffer.X = oldWidth;
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

                row = buffer.Row(buffer.Y);
                for (var i = 0; i < oldWidth && oldColumn + i < columns; i++)
                {
                    row.Set(i, oldRow[oldColumn + i]);
                }

                while (oldColumn < columns)
                {
                    oldRow.SetEmpty(oldColumn++, _pen.Cell(0, 1));
                }
            }
            else
            {
                buffer.X = columns - 1;
                if (width == 2)
                {
                    CleanAfterPrint(row);
                    return;
                }
            }
        }

        if (join && buffer.X > 0)
        {
            var offset = buffer.X <= columns && row[buffer.X - 1].Width != 0 ? 1 : 2;
            if (buffer.X - offset >= 0)
            {
                row.AddCodePoint(buffer.X - offset, code, width);
            }

            for (var delta = width - oldWidth; --delta >= 0 && buffer.X < columns;)
            {
                row.Set(buffer.X++, _pen.Cell(0, 0));
            }

            CleanAfterPrint(row);
            return;
        }

        if (buffer.X >= columns)
        {
            return;
        }

        if (_modes.Insert)
        {
            row.InsertCells(buffer.X, width - oldWidth, _pen.Cell(0, 1));
            if (row[columns - 1].Width == 2)
            {
                row.SetEmpty(columns - 1, _pen.Cell(0, 1));
            }
        }

        row.Set(buffer.X++, _pen.Cell(code, width));
        if (width > 0)
        {
            while (--width > 0 && buffer.X < columns)
            {
                row.Set(buffer.X++, _pen.Cell(0, 0));
            }
        }

        CleanAfterPrint(row);
    }

    /// <summary>
    /// Printable ASCII (0x20-0x7E) in the ground state: the same cells as <see cref="Print"/> one character at a time,
    /// written a row segment at a time, as the row's pending text (<c>ScreenRow.Pending.cs</c>): a row that scrolls off
    /// before anything reads it never writes its cells. Wrapping, charsets and insert mode take the general path.
    /// </summary>
    private void PrintAscii(ReadOnlySpan<char> text)
    {
        if (_charset != '\0' || _modes.Insert)
        {
            foreach (var c in text)
            {
                Print(c);
            }

            return;
        }

        var pen = _pen;
        while (!text.IsEmpty)
        {
            var buffer = _active;
            if (buffer.X >= _columns)
            {
                Print(text[0]);
                text = text[1..];
                continue;
            }

            var row = buffer.Row(buffer.Y);
            if (buffer.X > 0 && row.WidthAt(buffer.X - 1) == 2)
            {
                row.SetEmpty(buffer.X - 1, pen.Cell(0, 1));
            }

            var count = Math.Min(text.Length, _columns - buffer.X);
            row.WriteAscii(buffer.X, text[..count], pen);
            buffer.X += count;
            text = text[count..];
            _joinState = 1 << 1;
            CleanAfterPrint(row);
        }
    }

    /// <summary>A right half left without its left half becomes a blank (the end of xterm.js's print).</summary>
    private void CleanAfterPrint(ScreenRow row)
    {
        var x = _active.X;
        if (x < _columns && row.IsOrphanRightHalf(x))
        {
            row.SetEmpty(x, _pen.Cell(0, 1));
        }
    }

    /// <summary>REP: prints the last printed character again <paramref name="count"/> times.</summary>
    private void RepeatPrecedingCharacter(int count)
    {
        var joinState = _joinState;
        if (joinState == 0)
        {
            return;
        }

        var width = (joinState >> 1) & 3;
        var x = _active.X - width;
        var row = _active.Row(_active.Y);
        if (x < 0 || x >= _columns)
        {
            return;
        }

        var text = row.CombinedText(x);
        var code = row[x].Code;
        count = Math.Min(count, _columns * _rows);
        for (var i = 0; i < count; i++)
        {
            if (text is null)
            {
                if (code != 0)
                {
                    Print(code);
                }
            }
            else
            {
                for (var j = 0; j < text.Length; j += char.IsSurrogatePair(text, j) ? 2 : 1)
                {
                    Print(char.ConvertToUtf32(text, j));
                }
            }
        }
    }
}
