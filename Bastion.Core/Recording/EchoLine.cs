namespace Bastion.Core.Recording;

/// <summary>
/// The line the terminal echoed, as the terminal would show it (<see cref="CommandLineTracker"/>'s echo mode): output
/// written at a cursor, overwriting after a CR, wrapping after <see cref="Columns"/>, at most
/// <see cref="CommandLineTracker.MaxLineLength"/> characters. Its characters are in one array that grows to the longest
/// line seen (issue 12: a <c>StringBuilder</c> cleared at every line break made its chunks again at every line).
/// </summary>
internal sealed class EchoLine
{
    private char[] _chars = new char[64];
    private int _length;

    // Where output goes, where the cursor's terminal row starts, and the cursor's column on that row.
    private int _cursor;
    private int _rowStart;
    private int _column;

    public int Columns { get; set; } = 80;

    /// <summary>An empty line, the cursor at its start (a line feed, Ctrl+U, Ctrl+C).</summary>
    public void Clear() => _length = _cursor = _rowStart = _column = 0;

    /// <summary>A bare CR returns to column 0 of the row the cursor is on. On the first row that redraws the line.
    /// On a later row of a wrapped line it only rewrites that row: readline sends one as it wraps a long command past
    /// the right margin (issue 13: a 300-character command was missing), so the rows before it are kept.</summary>
    public void CarriageReturn()
    {
        if (_rowStart == 0)
        {
            _length = 0;
        }

        _cursor = _rowStart;
        _column = 0;
    }

    public override string ToString() => new(_chars, 0, _length);

    /// <summary>Writes one output character at the cursor, as the terminal would: overwriting after a CR, wrapping
    /// after <see cref="Columns"/> (deferred, as xterm does: the wrap happens at the next printable character).</summary>
    public void Put(char c)
    {
        if (c is '\x7f' or '\b')
        {
            // A backspace echo moves left only: readline erases with "\b" + erase to end of line (or "\b \b"), and
            // moves left with it too (Alt+B, Left) before it rewrites the line's rest.
            Back(1);
            return;
        }

        if (c is '\x15' or '\x03')
        {
            Clear();
            return;
        }

        if (c != '\t' && char.IsControl(c))
        {
            return;
        }

        if (_column >= Columns)
        {
            _rowStart = _cursor;
            _column = 0;
        }

        if (_cursor < _length)
        {
            _chars[_cursor] = c;
        }
        else if (_length < CommandLineTracker.MaxLineLength)
        {
            Append(c);
        }
        else
        {
            return;
        }

        _cursor++;
        _column++;
    }

    /// <summary><see cref="Put"/> for a run of printable characters (none a control character): wrapped at
    /// <see cref="Columns"/>, overwriting then appending up to <see cref="CommandLineTracker.MaxLineLength"/>, as one by one.</summary>
    public void PutRun(ReadOnlySpan<char> run)
    {
        while (!run.IsEmpty)
        {
            if (_column >= Columns)
            {
                _rowStart = _cursor;
                _column = 0;
            }

            var row = run[..Math.Min(run.Length, Math.Max(1, Columns - _column))];
            var written = 0;
            for (; written < row.Length && _cursor + written < _length; written++)
            {
                _chars[_cursor + written] = row[written];
            }

            if (written < row.Length && _cursor + written >= _length)
            {
                var append = Math.Min(row.Length - written, Math.Max(0, CommandLineTracker.MaxLineLength - _length));
                Append(row.Slice(written, append));
                written += append;
            }

            _cursor += written;
            _column += written;
            if (written < row.Length)
            {
                // The line is at CommandLineTracker.MaxLineLength: the rest is dropped, as Put drops it character by character.
                return;
            }

            run = run[row.Length..];
        }
    }

    /// <summary>CSI K: the line ends at the cursor.</summary>
    public void EraseToEnd() => _length = Math.Min(_length, _cursor);

    /// <summary>CSI C: the cursor moves right, over blanks past the line's end.</summary>
    public void Forward(int count)
    {
        for (var i = 0; i < count && _cursor < CommandLineTracker.MaxLineLength; i++, _cursor++, _column++)
        {
            if (_cursor == _length)
            {
                Append(' ');
            }
        }
    }

    /// <summary>CSI D (and a backspace): the cursor moves left, at most to the start of its row, as a terminal moves it
    /// (it does not go back up a wrapped line).</summary>
    public void Back(int count)
    {
        var n = Math.Min(count, _column);
        _cursor -= n;
        _column -= n;
    }

    /// <summary>CSI @: blanks inserted at the cursor, the rest of the line moved right (bounded by
    /// <see cref="CommandLineTracker.MaxLineLength"/>).</summary>
    public void InsertBlanks(int count)
    {
        var n = Math.Min(count, Math.Max(0, CommandLineTracker.MaxLineLength - _length));
        if (_cursor >= _length || n == 0)
        {
            return;
        }

        Reserve(n);
        Array.Copy(_chars, _cursor, _chars, _cursor + n, _length - _cursor);
        _chars.AsSpan(_cursor, n).Fill(' ');
        _length += n;
    }

    /// <summary>CSI P: characters deleted at the cursor, the rest of the line moved left.</summary>
    public void Delete(int count)
    {
        if (_cursor >= _length)
        {
            return;
        }

        var n = Math.Min(count, _length - _cursor);
        Array.Copy(_chars, _cursor + n, _chars, _cursor, _length - _cursor - n);
        _length -= n;
    }

    private void Append(char c)
    {
        Reserve(1);
        _chars[_length++] = c;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    private void Reserve(int more)
    {
        if (_length + more > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_length + more, Math.Min(2 * _chars.Length, CommandLineTracker.MaxLineLength)));
        }
    }
}
