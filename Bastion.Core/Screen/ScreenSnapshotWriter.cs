using System.Globalization;
using System.Text;

namespace Bastion.Core.Screen;

/// <summary>
/// Serialises a <see cref="ScreenTracker"/> into output for a fresh terminal: the normal screen's cells, its scroll
/// region and saved cursor; then, when a full-screen program runs, the alternate screen the same way; then the
/// cursor, modes, charsets, title and pen. Only cells that differ from a fresh terminal are written; erased cells with
/// a background colour are recreated with ECH so they stay empty, as the erase left them. The whole snapshot is wrapped
/// in synchronized output (DECSET 2026) so the client draws it at once.
/// </summary>
internal sealed class ScreenSnapshotWriter(ScreenTracker tracker)
{
    private const string Csi = "\u001b[";

    private readonly StringBuilder _out = new();
    private ScreenPen _emitted;

    public string Write()
    {
        var modes = tracker.Modes;
        _out.Append(Csi).Append("?2026h");
        WriteBuffer(tracker.NormalBuffer);
        var active = tracker.NormalBuffer;
        if (!tracker.AlternateActive && tracker.AlternateSaved is { } saved
            && (saved.X != 0 || saved.Y > 0 || !IsDefault(saved.Pen) || saved.Charset != '\0'))
        {
            // The alternate buffer's saved cursor outlives the buffer: set it in a visit (47 neither saves nor clears).
            WritePen(default);
            _out.Append(Csi).Append("?47h");
            var blank = new ScreenRow(tracker.NormalBuffer.Columns, default(ScreenPen).EraseCell());
            WriteSavedCursor(saved.X, saved.Y, saved.Pen, saved.Charset, blank, tracker.NormalBuffer.Columns);
            _out.Append(Csi).Append("?47l");
        }

        if (tracker.AlternateActive && tracker.AlternateBuffer is { } alternate)
        {
            WritePen(default);
            _out.Append(Csi).Append("?47h");
            WriteBuffer(alternate);
            active = alternate;
        }

        if (modes.Origin)
        {
            _out.Append(Csi).Append("?6h");
        }

        WriteModes(modes);

        // The cursor comes last when it is placed by printing the last printed character again (a combining mark or
        // REP that follows applies to it): no sequence may follow that print. Otherwise it comes before the charsets,
        // so a cell written again for a pending wrap is not translated by a charset selected after it was printed.
        var reprint = tracker.LastPrintedWidth > 0;

        // A charset in effect that is not the GL set came from DECRC, so it is the saved one: DECRC again restores it
        // (and moves the cursor and pen, which are set after it).
        var restoreCharset = tracker.ActiveCharset != tracker.Charsets[tracker.CharsetLevel];
        if (reprint || restoreCharset)
        {
            WriteCharsets();
            if (restoreCharset)
            {
                _out.Append("\u001b8");
                _emitted = new ScreenPen { Fg = -1 };
            }
        }

        if (!tracker.Title.IsEmpty)
        {
            _out.Append("\u001b]2;").Append(tracker.Title).Append('\u0007');
        }

        if (!reprint)
        {
            WriteCursor(active);
            if (!restoreCharset)
            {
                WriteCharsets();
            }
        }

        WritePen(tracker.Pen);
        if (!modes.SynchronizedOutput)
        {
            _out.Append(Csi).Append("?2026l");
        }

        if (reprint)
        {
            WriteCursor(active);
        }

        if (modes.Insert)
        {
            _out.Append(Csi).Append("4h");
        }

        _out.Append(tracker.PendingSequence());
        return _out.ToString();
    }

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

    private void WriteCursor(ScreenBuffer buffer)
    {
        var top = tracker.Modes.Origin ? buffer.ScrollTop : 0;
        var lastWidth = tracker.LastPrintedWidth;
        var row = buffer.Row(buffer.Y);
        int x;
        if (lastWidth > 0 && buffer.X - lastWidth >= 0 && buffer.X - lastWidth < buffer.Columns)
        {
            // Print the last printed character again, so a combining mark, REP or the next character (wrapping
            // after the last column) applies in the client as it would have.
            x = buffer.X - lastWidth;
        }
        else if (buffer.X >= buffer.Columns)
        {
            // Pending wrap after a print that a sequence followed: the cell written last is the last column's.
            x = buffer.Columns - 1;
            if (row[x].Width == 0 && x > 0 && row[x - 1].Width == 2)
            {
                x--;
            }
        }
        else
        {
            MoveTo(buffer.Y - top, buffer.X);
            return;
        }

        MoveTo(buffer.Y - top, x);
        var cell = row[x];
        var pen = tracker.Pen;
        WritePen(new ScreenPen { Fg = cell.Fg, Bg = cell.Bg, Underline = cell.Underline });
        WriteText(row, x);
        WritePen(pen);
    }

    private void WriteModes(ScreenModes modes)
    {
        if (!modes.Wraparound)
        {
            _out.Append(Csi).Append("?7l");
        }

        Flag(modes.ApplicationCursorKeys, "?1h");
        Flag(modes.ReverseWraparound, "?45h");
        Flag(modes.BracketedPaste, "?2004h");
        Flag(modes.SendFocus, "?1004h");
        if (modes.ApplicationKeypad)
        {
            _out.Append("\u001b=");
        }

        if (modes.Mouse != MouseProtocol.None)
        {
            _out.Append(Csi).Append('?').Append(Num((int)modes.Mouse)).Append('h');
        }

        if (modes.MouseEncoding != MouseEncoding.Default)
        {
            _out.Append(Csi).Append('?').Append(Num((int)modes.MouseEncoding)).Append('h');
        }

        if (modes.CursorBlink is { } blink)
        {
            // 1/2 block, 3/4 underline, 5/6 bar (odd blinks); 7/8 change only the blinking.
            var style = modes.CursorShape == 0 ? 7 : (modes.CursorShape * 2) - 1;
            _out.Append(Csi).Append(Num(blink ? style : style + 1)).Append(" q");
        }

        Flag(modes.CursorHidden, "?25l");

        void Flag(bool on, string sequence)
        {
            if (on)
            {
                _out.Append(Csi).Append(sequence);
            }
        }
    }

    private void WriteCharsets()
    {
        var charsets = tracker.Charsets;
        ReadOnlySpan<char> designators = ['(', ')', '*', '+'];
        for (var level = 0; level < 4; level++)
        {
            if (charsets[level] != '\0')
            {
                _out.Append('\u001b').Append(designators[level]).Append(charsets[level]);
            }
        }

        switch (tracker.CharsetLevel)
        {
            case 1:
                _out.Append('\u000e');
                break;
            case 2:
                _out.Append("\u001bn");
                break;
            case 3:
                _out.Append("\u001bo");
                break;
        }
    }

    private void MoveTo(int y, int x) =>
        _out.Append(Csi).Append(Num(y + 1)).Append(';').Append(Num(x + 1)).Append('H');

    private void WritePen(ScreenPen pen)
    {
        if (pen.Fg == _emitted.Fg && pen.Bg == _emitted.Bg && pen.Underline == _emitted.Underline)
        {
            return;
        }

        _emitted = pen;
        SgrWriter.Write(_out, pen);
    }

    private static bool IsDefault(ScreenPen pen) => pen.Fg == 0 && pen.Bg == 0 && pen.Underline == 0;

    /// <summary>A cell a fresh terminal already has: empty, one wide, default attributes.</summary>
    private static bool IsBlank(in ScreenCell cell) =>
        cell.Code == 0 && !cell.Combined && cell.Width == 1 && cell.Fg == 0 && cell.Bg == 0 && cell.Underline == 0;

    /// <summary>An erased cell with a background colour: exactly what ECH leaves with that colour as the pen's.</summary>
    private static bool IsErased(in ScreenCell cell) =>
        cell.Code == 0 && !cell.Combined && cell.Width == 1 && cell.Fg == 0 && cell.Underline == 0
        && (cell.Bg & CellAttributes.BgFlagsMask) == 0;

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
