namespace Bastion.Core.Screen;

/// <summary>
/// One screen (normal or alternate) of the model: its visible rows, cursor, scroll region, saved cursor (DECSC) and
/// tab stops, each kept per buffer as xterm.js does. No scrollback: a re-attached client needs the screen, and the
/// model's memory stays rows x columns cells.
/// </summary>
internal sealed class ScreenBuffer
{
    private const int TabWidth = 8;

    private ScreenRow[] _rows;
    private bool[] _tabs;

    public ScreenBuffer(int columns, int rows, in ScreenCell fill)
    {
        Columns = columns;
        _rows = new ScreenRow[rows];
        for (var i = 0; i < rows; i++)
        {
            _rows[i] = new ScreenRow(columns, fill);
        }

        _tabs = new bool[columns];
        ResetTabs();
        ScrollBottom = rows - 1;
    }

    public int Columns { get; private set; }

    public int RowCount => _rows.Length;

    public int X { get; set; }

    public int Y { get; set; }

    public int ScrollTop { get; set; }

    public int ScrollBottom { get; set; }

    public int SavedX { get; set; }

    public int SavedY { get; set; }

    public ScreenPen SavedPen { get; set; }

    public char SavedCharset { get; set; }

    public ScreenRow Row(int y) => _rows[y];

    public bool IsTabStop(int x) => _tabs[x];

    public void SetTab(int x, bool on)
    {
        if (x >= 0 && x < _tabs.Length)
        {
            _tabs[x] = on;
        }
    }

    public void ClearTabs() => Array.Clear(_tabs);

    public void ResetTabs()
    {
        Array.Clear(_tabs);
        for (var i = 0; i < _tabs.Length; i += TabWidth)
        {
            _tabs[i] = true;
        }
    }

    /// <summary>Whether the tab stops are the default ones (every 8 columns), so a snapshot need not set them.</summary>
    public bool HasDefaultTabs()
    {
        for (var i = 0; i < _tabs.Length; i++)
        {
            if (_tabs[i] != (i % TabWidth == 0))
            {
                return false;
            }
        }

        return true;
    }

    public int NextTabStop(int x)
    {
        while (++x < Columns && !_tabs[x])
        {
        }

        return x >= Columns ? Columns - 1 : Math.Max(x, 0);
    }

    public int PreviousTabStop(int x)
    {
        while (--x > 0 && !_tabs[x])
        {
        }

        return x >= Columns ? Columns - 1 : Math.Max(x, 0);
    }

    /// <summary>Rows <paramref name="top"/>..<paramref name="bottom"/> move up by one; the bottom one is blanked.</summary>
    public void ScrollUp(int top, int bottom, in ScreenCell fill)
    {
        var recycled = _rows[top];
        Array.Copy(_rows, top + 1, _rows, top, bottom - top);
        recycled.Fill(fill);
        _rows[bottom] = recycled;
    }

    /// <summary>Rows <paramref name="top"/>..<paramref name="bottom"/> move down by one; the top one is blanked.</summary>
    public void ScrollDown(int top, int bottom, in ScreenCell fill)
    {
        var recycled = _rows[bottom];
        Array.Copy(_rows, top, _rows, top + 1, bottom - top);
        recycled.Fill(fill);
        _rows[top] = recycled;
    }

    public void Fill(in ScreenCell fill)
    {
        foreach (var row in _rows)
        {
            row.Fill(fill);
        }
    }

    /// <summary>
    /// Resizes without reflow. Fewer rows drop blank rows below the cursor first, then rows from the top (they would
    /// scroll into the client's scrollback), as xterm.js does; more rows add blank rows at the bottom.
    /// </summary>
    public void Resize(int columns, int rows, in ScreenCell fill)
    {
        foreach (var row in _rows)
        {
            row.Resize(columns, fill);
        }

        var list = new List<ScreenRow>(_rows);
        while (list.Count > rows)
        {
            if (list.Count > Y + 1)
            {
                list.RemoveAt(list.Count - 1);
            }
            else
            {
                list.RemoveAt(0);
                Y--;
                SavedY--;
            }
        }

        while (list.Count < rows)
        {
            list.Add(new ScreenRow(columns, fill));
        }

        _rows = [.. list];
        var oldTabs = _tabs;
        _tabs = new bool[columns];
        Array.Copy(oldTabs, _tabs, Math.Min(oldTabs.Length, columns));
        for (var i = oldTabs.Length; i < columns; i++)
        {
            _tabs[i] = i % TabWidth == 0;
        }

        Columns = columns;
        X = Math.Min(X, columns - 1);
        Y = Math.Clamp(Y, 0, rows - 1);
        SavedY = Math.Max(SavedY, 0);
        ScrollTop = 0;
        ScrollBottom = rows - 1;
    }
}
