using System.Globalization;
using System.Text;

namespace Bastion.Core.Screen;

/// <summary>
/// Serialises a <see cref="ScreenTracker"/> into output for a fresh terminal: the normal screen's cells, its scroll
/// region and saved cursor; then, when a full-screen program runs, the alternate screen the same way; then the
/// cursor, modes, charsets, title and pen. Only cells that differ from a fresh terminal are written; erased cells with
/// a background colour are recreated with ECH so they stay empty, as the erase left them. The whole snapshot is wrapped
/// in synchronized output (DECSET 2026) so the client draws it at once. The cells of each buffer are written in
/// <c>ScreenSnapshotWriter.Cells.cs</c>, the cursor, modes and charsets in <c>ScreenSnapshotWriter.State.cs</c>.
/// </summary>
internal sealed partial class ScreenSnapshotWriter(ScreenTracker tracker)
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

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
