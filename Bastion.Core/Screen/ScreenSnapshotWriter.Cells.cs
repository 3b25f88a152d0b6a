namespace Bastion.Core.Screen;

/// <summary>The cells of one buffer: rows as text, runs of blanks as cursor moves, erased runs as ECH; its tab stops,
/// scroll region and saved cursor.</summary>
internal sealed partial class ScreenSnapshotWriter
{
    /// <summary>Cells, tab stops, scroll region and saved cursor of one buffer, in that order.</summary>
    private void WriteBuffer(ScreenBuffer buffer)
    {
        for (var y = 0; y < buffer.RowCount; y++)
        {
            WriteRow(buffer.Row(y), y);
        }

        if (!buffer.HasDefaultTabs())
        {
            _out.Append(Csi).Append("3g");
            for (var x = 0; x < buffer.Columns; x++)
            {
                if (buffer.IsTabStop(x))
                {
                    MoveTo(0, x);
                    _out.Append("\u001bH");
                }
            }
        }

        if (buffer.ScrollTop != 0 || buffer.ScrollBottom != buffer.RowCount - 1)
        {
            _out.Append(Csi).Append(Num(buffer.ScrollTop + 1)).Append(';').Append(Num(buffer.ScrollBottom + 1)).Append('r');
        }

        if (buffer.SavedX != 0 || buffer.SavedY > 0 || !IsDefault(buffer.SavedPen) || buffer.SavedCharset != '\0')
        {
            var savedRow = buffer.Row(Math.Clamp(buffer.SavedY, 0, buffer.RowCount - 1));
            WriteSavedCursor(buffer.SavedX, buffer.SavedY, buffer.SavedPen, buffer.SavedCharset, savedRow, buffer.Columns);
        }
    }

    /// <summary>Puts the cursor, pen and charset where DECSC saved them and saves them there (DECSC) again.</summary>
    private void WriteSavedCursor(int savedX, int savedY, ScreenPen savedPen, char savedCharset, ScreenRow savedRow, int columns)
    {
        if (savedX >= columns)
        {
            // Saved in pending wrap: write the last column's cell again to be there too.
            MoveTo(Math.Max(savedY, 0), columns - 1);
            var last = savedRow[columns - 1];
            WritePen(new ScreenPen { Fg = last.Fg, Bg = last.Bg, Underline = last.Underline });
            WriteText(savedRow, columns - 1);
        }
        else
        {
            MoveTo(Math.Max(savedY, 0), savedX);
        }

        WritePen(savedPen with { Underline = 0 });
        if (savedCharset != '\0')
        {
            _out.Append("\u001b(").Append(savedCharset);
        }

        _out.Append("\u001b7");
        if (savedCharset != '\0')
        {
            _out.Append("\u001b(B");
        }
    }

    private void WriteRow(ScreenRow row, int y)
    {
        if (row.IsUniform(out var fill) && IsBlank(fill))
        {
            return; // never written, blank: nothing to draw (and no cells to allocate)
        }

        var cells = row.Cells;
        var last = cells.Length - 1;
        while (last >= 0 && IsBlank(cells[last]))
        {
            last--;
        }

        if (last < 0)
        {
            return;
        }

        MoveTo(y, 0);
        var x = 0;
        while (x <= last)
        {
            var cell = cells[x];
            var run = 1;
            if (IsBlank(cell) || (cell.Width == 0 && cell.Code == 0))
            {
                while (x + run <= last && IsBlank(cells[x + run]))
                {
                    run++;
                }

                _out.Append(Csi).Append(Num(run)).Append('C');
            }
            else if (IsErased(cell))
            {
                while (x + run <= last && cells[x + run].Equals(cell) && !row[x + run].Combined)
                {
                    run++;
                }

                WritePen(new ScreenPen { Bg = cell.Bg });
                _out.Append(Csi).Append(Num(run)).Append('X');
                if (x + run < cells.Length)
                {
                    _out.Append(Csi).Append(Num(run)).Append('C');
                }
            }
            else
            {
                WritePen(new ScreenPen { Fg = cell.Fg, Bg = cell.Bg, Underline = cell.Underline });
                WriteText(row, x);
                run = Math.Max((int)cell.Width, 1);
            }

            x += run;
        }
    }

    private void WriteText(ScreenRow row, int x)
    {
        var cell = row[x];
        if (row.CombinedText(x) is { } text)
        {
            _out.Append(text);
        }
        else if (cell.Code == 0)
        {
            _out.Append(' ');
        }
        else if (cell.Code > 0xFFFF)
        {
            _out.Append(char.ConvertFromUtf32(cell.Code));
        }
        else
        {
            _out.Append((char)cell.Code);
        }
    }

    /// <summary>A cell a fresh terminal already has: empty, one wide, default attributes.</summary>
    private static bool IsBlank(in ScreenCell cell) =>
        cell.Code == 0 && !cell.Combined && cell.Width == 1 && cell.Fg == 0 && cell.Bg == 0 && cell.Underline == 0;

    /// <summary>An erased cell with a background colour: exactly what ECH leaves with that colour as the pen's.</summary>
    private static bool IsErased(in ScreenCell cell) =>
        cell.Code == 0 && !cell.Combined && cell.Width == 1 && cell.Fg == 0 && cell.Underline == 0
        && (cell.Bg & CellAttributes.BgFlagsMask) == 0;
}
