namespace Bastion.Core.Screen;

/// <summary>
/// One line of the screen model. The cell operations mirror xterm.js's <c>BufferLine</c> (insertCells, deleteCells,
/// replaceCells and their wide-character clean-up) so the model and the browser agree cell for cell.
/// </summary>
internal sealed class ScreenRow
{
    private ScreenCell[] _cells;
    private Dictionary<int, string>? _combined;

    public ScreenRow(int columns, in ScreenCell fill)
    {
        _cells = new ScreenCell[columns];
        _cells.AsSpan().Fill(fill);
    }

    public int Length => _cells.Length;

    public ReadOnlySpan<ScreenCell> Cells => _cells;

    public ref ScreenCell this[int column] => ref _cells[column];

    /// <summary>The text of a cell that holds more than one code point, else null.</summary>
    public string? CombinedText(int column) =>
        _cells[column].Combined && _combined is not null && _combined.TryGetValue(column, out var text) ? text : null;

    public void Set(int column, in ScreenCell cell)
    {
        if (_cells[column].Combined)
        {
            _combined?.Remove(column);
        }

        _cells[column] = cell;
    }

    /// <summary>Writes one-cell-wide characters from <paramref name="column"/> on, with the pen's attributes.</summary>
    public void WriteAscii(int column, ReadOnlySpan<char> text, in ScreenPen pen)
    {
        var cells = _cells.AsSpan(column, text.Length);
        var cell = pen.Cell(0, 1);
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Combined)
            {
                _combined?.Remove(column + i);
            }

            cell.Code = text[i];
            cells[i] = cell;
        }
    }

    public void Fill(in ScreenCell cell)
    {
        _combined?.Clear();
        _cells.AsSpan().Fill(cell);
    }

    /// <summary>Adds a combining code point to the cell (xterm.js's <c>addCodepointToCell</c>).</summary>
    public void AddCodePoint(int column, int codePoint, int width)
    {
        ref var cell = ref _cells[column];
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
        if (position > 0 && _cells[position - 1].Width == 2)
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

        if (_cells[Length - 1].Width == 2)
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

        if (position > 0 && _cells[position - 1].Width == 2)
        {
            SetEmpty(position - 1, fill);
        }

        if (_cells[position].Width == 0 && _cells[position].Code == 0)
        {
            SetEmpty(position, fill);
        }
    }

    public void ReplaceCells(int start, int end, in ScreenCell fill)
    {
        if (start > 0 && start <= Length && _cells[start - 1].Width == 2)
        {
            SetEmpty(start - 1, fill);
        }

        if (end < Length && end > 0 && _cells[end - 1].Width == 2)
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

        var old = _cells;
        _cells = new ScreenCell[columns];
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
        Set(to, _cells[from]);
        if (text is not null)
        {
            _combined![to] = text;
        }
    }
}
