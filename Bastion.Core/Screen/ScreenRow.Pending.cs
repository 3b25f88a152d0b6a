namespace Bastion.Core.Screen;

/// <summary>
/// Printable ASCII kept as text until the row's cells are next needed (issue 12: the screen model's cost per MB).
/// During a flood most rows scroll off before anything reads them: a row scrolled off (<see cref="Fill"/>) drops its
/// pending text unwritten, so such a row costs one copy of its characters instead of a 16-byte cell per character.
/// Everything that reads or writes cells by reference goes through <see cref="Materialized"/>, which writes the
/// pending runs first, in the order they came, so every other operation sees the cells it saw before. The cursor,
/// pen, modes, charsets and join state are the tracker's and change as the text is fed, pending or not.
/// </summary>
internal sealed partial class ScreenRow
{
    /// <summary>Runs a row keeps pending before it writes them (a line with more colour changes is written at once).</summary>
    internal const int MaxPendingRuns = 8;

    private char[]? _pendingText; // one char per column, allocated with the row's first pending run, kept after
    private ScreenRowRun[]? _runs;
    private int _runCount;

    /// <summary>True while the row holds text that is not in its cells yet (for tests).</summary>
    internal bool HasPendingText => _runCount > 0;

    /// <summary>The width of a cell without writing pending text (pending text is one cell wide).</summary>
    public int WidthAt(int column) => IsPending(column) ? 1 : BaseCell(column).Width;

    /// <summary>
    /// A right half without its left half (width 0, no code, no combined text), read without writing pending text.
    /// </summary>
    public bool IsOrphanRightHalf(int column)
    {
        if (IsPending(column))
        {
            return false;
        }

        var cell = BaseCell(column);
        return cell.Width == 0 && cell.Code == 0 && !cell.Combined;
    }

    /// <summary>Keeps <paramref name="text"/> (no cell of the row holds combined text) as a pending run.</summary>
    private void AddPending(int column, ReadOnlySpan<char> text, in ScreenPen pen)
    {
        var end = column + text.Length;
        if (_runCount > 0 && column <= PendingStart() && end >= PendingEnd())
        {
            _runCount = 0; // the new text covers every pending run (a line redrawn after CR): drop them
        }
        else if (_runCount == MaxPendingRuns)
        {
            Materialized();
        }

        _pendingText ??= new char[_length];
        if (_runs is null || _runCount == _runs.Length)
        {
            // Two runs hold a prompt or a plain line; a row that needs more grows to the bound once and keeps it.
            Array.Resize(ref _runs, _runs is null ? 2 : Math.Min(_runs.Length * 2, MaxPendingRuns));
        }

        text.CopyTo(_pendingText.AsSpan(column));
        _runs[_runCount++] = new ScreenRowRun { Start = column, End = end, Pen = pen };
    }

    /// <summary>Writes the pending runs into <paramref name="cells"/> in the order they came.</summary>
    private void WritePending(ScreenCell[] cells)
    {
        var count = _runCount;
        _runCount = 0;
        for (var r = 0; r < count; r++)
        {
            var run = _runs![r];
            var cell = run.Pen.Cell(0, 1);
            var text = _pendingText.AsSpan(run.Start, run.End - run.Start);
            var target = cells.AsSpan(run.Start, text.Length);
            for (var i = 0; i < target.Length; i++)
            {
                cell.Code = text[i];
                target[i] = cell;
            }
        }
    }

    private bool IsPending(int column)
    {
        for (var r = _runCount - 1; r >= 0; r--)
        {
            if (column >= _runs![r].Start && column < _runs[r].End)
            {
                return true;
            }
        }

        return false;
    }

    private ScreenCell BaseCell(int column) => _cells is null || _stale ? _fill : _cells[column];

    private int PendingStart()
    {
        var start = int.MaxValue;
        for (var r = 0; r < _runCount; r++)
        {
            start = Math.Min(start, _runs![r].Start);
        }

        return start;
    }

    private int PendingEnd()
    {
        var end = 0;
        for (var r = 0; r < _runCount; r++)
        {
            end = Math.Max(end, _runs![r].End);
        }

        return end;
    }
}
