namespace Bastion.Core.Screen;

/// <summary>
/// One line of the screen model. The cell operations mirror xterm.js's <c>BufferLine</c> (insertCells, deleteCells,
/// replaceCells and their wide-character clean-up) so the model and the browser agree cell for cell.
/// <para>
/// A row that was never written holds no cells, only the one cell it is filled with (issue 12: an idle shell writes
/// a prompt on a line or two, and a 200x50 screen of cells is 160 KB): its cell array is allocated by the first
/// operation that reads a cell by reference or writes one, and kept from then on, so a scrolling flood reuses it and
/// allocates nothing. Printable ASCII is kept as text until the cells are next needed (<c>ScreenRow.Pending.cs</c>).
/// </para>
/// </summary>
internal sealed partial class ScreenRow
{
    private ScreenCell[]? _cells;
    private bool _stale; // _cells is kept but every cell is _fill (a fill that was not written yet: see Fill)
    private ScreenCell _fill;
    private int _length;
    private Dictionary<int, string>? _combined;

    public ScreenRow(int columns, in ScreenCell fill)
    {
        _length = columns;
        _fill = fill;
    }

    public int Length => _length;

    /// <summary>Every cell (allocates them if the row was never written: see <see cref="IsUniform"/>).</summary>
    public ReadOnlySpan<ScreenCell> Cells => Materialized();

    public ref ScreenCell this[int column] => ref Materialized()[column];

    /// <summary>True when the row was never written since it was filled: every cell is <paramref name="fill"/>.</summary>
    public bool IsUniform(out ScreenCell fill)
    {
        fill = _fill;
        return (_cells is null || _stale) && _runCount == 0;
    }

    private ScreenCell[] Materialized() =>
        _cells is not null && !_stale && _runCount == 0 ? _cells : MaterializeSlow(); // the first case: every Print's cells

    private ScreenCell[] MaterializeSlow()
    {
        if (_cells is null)
        {
            _cells = new ScreenCell[_length];
            _cells.AsSpan().Fill(_fill);
        }
        else if (_stale)
        {
            _cells.AsSpan().Fill(_fill);
            _stale = false;
        }

        if (_runCount > 0)
        {
            WritePending(_cells);
        }

        return _cells;
    }

    /// <summary>The text of a cell that holds more than one code point, else null (pending text has none: a row with
    /// combined text keeps no pending runs).</summary>
    public string? CombinedText(int column) =>
        _combined is not null && _cells is not null && !_stale && _cells[column].Combined && _combined.TryGetValue(column, out var text) ? text : null;

    public void Set(int column, in ScreenCell cell)
    {
        var cells = Materialized();
        if (cells[column].Combined)
        {
            _combined?.Remove(column);
        }

        cells[column] = cell;
    }

    /// <summary>Writes one-cell-wide characters from <paramref name="column"/> on, with the pen's attributes: kept as
    /// pending text while no cell of the row holds combined text (every line of a flood), else written at once.</summary>
    public void WriteAscii(int column, ReadOnlySpan<char> text, in ScreenPen pen)
    {
        if (_combined is not { Count: > 0 })
        {
            AddPending(column, text, pen);
            return;
        }

        var cells = Materialized().AsSpan(column, text.Length);
        var cell = pen.Cell(0, 1);
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Combined)
            {
                _combined.Remove(column + i);
            }

            cell.Code = text[i];
            cells[i] = cell;
        }
    }

    /// <summary>Every cell becomes <paramref name="cell"/>; pending text is dropped unwritten. A written row keeps its
    /// cells but is filled only when next read or written (issue 12: each line of a flood scrolls the screen and blanks
    /// the recycled row, which the next line then overwrites).</summary>
    public void Fill(in ScreenCell cell)
    {
        _runCount = 0;
        _combined?.Clear();
        _fill = cell;
        _stale = _cells is not null;
    }

    /// <summary>Adds a combining code point to the cell (xterm.js's <c>addCodepointToCell</c>).</summary>
    public void AddCodePoint(int column, int codePoint, int width)
    {
        ref var cell = ref Materialized()[column];
        if (cell.Combined)
        {
            _combined![column] += char.ConvertFromUtf32(codePoint);
        }
        else if (cell.Code != 0)
        {
            _combined ??= [];
            _combined[column] = char.ConvertFromUtf32(cell.Code) + char.ConvertFromUtf32(codePoint);
            cell.Combined = true;
        }
        else
        {
            cell.Code = codePoint;
            cell.Width = 1;
        }

        if (width != 0)
        {
            cell.Width = (short)width;
        }
    }

    public void InsertCells(int position, int count, in ScreenCell fill)
    {
        position %= Length;
        if (position > 0 && this[position - 1].Width == 2)
        {
            SetEmpty(position - 1, fill);
        }

        if (count < Length - position)
        {
            for (var i = Length - position - count - 1; i >= 0; i--)
            {
                Move(position + i, position + count + i);
            }

            for (var i = 0; i < count; i++)
            {
                Set(position + i, fill);
            }
        }
        else
        {
            for (var i = position; i < Length; i++)
            {
                Set(i, fill);
            }
        }

        if (this[Length - 1].Width == 2)
        {
            SetEmpty(Length - 1, fill);
        }
    }

    public void DeleteCells(int position, int count, in ScreenCell fill)
    {
        position %= Length;
        if (count < Length - position)
        {
            for (var i = 0; i < Length - position - count; i++)
            {
                Move(position + count + i, position + i);
            }

            for (var i = Length - count; i < Length; i++)
            {
                Set(i, fill);
            }
        }
        else
        {
            for (var i = position; i < Length; i++)
            {
                Set(i, fill);
            }
        }

        if (position > 0 && this[position - 1].Width == 2)
        {
            SetEmpty(position - 1, fill);
        }

        if (this[position].Width == 0 && this[position].Code == 0)
        {
            SetEmpty(position, fill);
        }
    }

    public void ReplaceCells(int start, int end, in ScreenCell fill)
    {
        if (start > 0 && start <= Length && this[start - 1].Width == 2)
        {
            SetEmpty(start - 1, fill);
        }

        if (end < Length && end > 0 && this[end - 1].Width == 2)
        {
            SetEmpty(end, fill);
        }

        while (start < end && start < Length)
        {
            Set(start++, fill);
        }
    }

    /// <summary>Changes the row's length: cut at the right or pad with <paramref name="fill"/> (no reflow).</summary>
    public void Resize(int columns, in ScreenCell fill)
    {
        if (columns == Length)
        {
            return;
        }

        if (_cells is null && _runCount == 0 && fill.Equals(_fill))
        {
            _length = columns;
            _pendingText = null;
            return;
        }

        var old = Materialized();
        _pendingText = null; // one char per column: allocated again at the new length
        _cells = new ScreenCell[columns];
        _length = columns;
        var keep = Math.Min(columns, old.Length);
        old.AsSpan(0, keep).CopyTo(_cells);
        _cells.AsSpan(keep).Fill(fill);
        if (_combined is not null)
        {
            foreach (var column in _combined.Keys.Where(c => c >= columns).ToList())
            {
                _combined.Remove(column);
            }
        }
    }

    /// <summary>Sets a cell to an empty one-cell-wide blank with the attributes of <paramref name="attributes"/>.</summary>
    public void SetEmpty(int column, in ScreenCell attributes) =>
        Set(column, ScreenCell.Empty(attributes.Fg, attributes.Bg, attributes.Underline));

    private void Move(int from, int to)
    {
        var text = CombinedText(from);
        Set(to, this[from]);
        if (text is not null)
        {
            _combined![to] = text;
        }
    }
}
