namespace Bastion.Core.Screen;

/// <summary>The terminal's state beside the cells: the cursor (placed by printing the last character again when a
/// following mark or wrap depends on it), the modes and the charsets.</summary>
internal sealed partial class ScreenSnapshotWriter
{
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
}
