namespace Bastion.Core.Screen;

/// <summary>
/// The current screen of one terminal session, kept so a client that attaches later (after a drop, a reload, or as
/// a watcher) can be shown what a client that never left sees, instead of a raw replay that may start inside an
/// escape sequence (issue #9). Fed with the session's decoded output as it passes; <see cref="Snapshot"/> returns text
/// that, written to a freshly created xterm.js terminal of the same size, rebuilds that screen: both buffers, cursor,
/// colours and attributes in effect, the keyboard and mouse modes, scroll region, charsets and window title.
/// </summary>
/// <remarks>
/// A cell model (not a tail of raw output) because full-screen programs redraw incrementally forever: a bounded tail
/// of top or vim loses the start of its screen within a minute, while the model costs rows x columns x 16 bytes
/// whatever ran (see docs/PERFORMANCE.md, "Screen restore"). Its parser and cell operations mirror xterm.js 6 (the
/// client's terminal) so the model and the browser agree cell for cell; a test renders both through headless xterm.js.
/// Thread-safe: every member takes one lock, so the output pump and an attaching client can call it concurrently.
/// <see cref="Append"/> allocates nothing in the common case and is O(n) in its input.
/// Use: feed it exactly the text attached clients are sent, in the same order (any split is fine: an unfinished
/// sequence or surrogate pair is carried over, and a snapshot taken meanwhile ends with it so the live text that
/// follows completes it). To attach a client, take <see cref="Snapshot"/> and start forwarding live output to that
/// client with no output in between (e.g. under the same lock as the fan-out that calls <see cref="Append"/>);
/// call <see cref="Resize"/> when the session's PTY is resized. The client must be a fresh terminal of that size.
/// </remarks>
internal sealed partial class ScreenTracker
{
    private readonly Lock _lock = new();
    private readonly ScreenTrackerOptions _options;
    private readonly ScreenModes _modes = new();
    private readonly char[] _title;
    private int _titleLength;
    private int _columns;
    private int _rows;
    private ScreenBuffer _normal;
    private ScreenBuffer? _alternate;
    private ScreenBuffer _active;
    private ScreenPen _pen;
    private (int X, int Y, ScreenPen Pen, char Charset)? _alternateSaved;

    // Charsets: G0..G3 designations ('\0' = US ASCII, '0' = DEC special graphics, else a national set kept by name),
    // the G level invoked into GL, and the set in effect (DECRC can restore one that is not the GL set).
    private readonly char[] _charsets = new char[4];
    private int _glevel;
    private char _charset;

    public ScreenTracker(int columns, int rows, ScreenTrackerOptions? options = null)
    {
        _options = options ?? ScreenTrackerOptions.Default;
        _title = new char[Math.Max(0, _options.MaxTitleChars)];
        _oscBuffer = new char[_title.Length + OscPrefixChars];
        (_columns, _rows) = Clamp(columns, rows);
        _normal = new ScreenBuffer(_columns, _rows, default(ScreenPen).EraseCell());
        _active = _normal;
    }

    public int Columns
    {
        get
        {
            lock (_lock)
            {
                return _columns;
            }
        }
    }

    public int Rows
    {
        get
        {
            lock (_lock)
            {
                return _rows;
            }
        }
    }

    /// <summary>Feeds decoded terminal output; any split (inside a sequence or a surrogate pair) is fine.</summary>
    public void Append(ReadOnlySpan<char> output)
    {
        lock (_lock)
        {
            while (!output.IsEmpty)
            {
                // Runs of printable ASCII in the ground state (most output) go to the cells in one loop.
                var run = _state == ParserState.Ground && _highSurrogate == '\0'
                    ? output.IndexOfAnyExceptInRange(' ', '~')
                    : 0;
                if (run < 0)
                {
                    run = output.Length;
                }

                if (run > 0)
                {
                    PrintAscii(output[..run]);
                    output = output[run..];
                    continue;
                }

                Feed(output[0]);
                output = output[1..];
            }
        }
    }

    /// <summary>The terminal was resized (the owner's client size); values are clamped to the options' bounds.</summary>
    public void Resize(int columns, int rows)
    {
        lock (_lock)
        {
            (columns, rows) = Clamp(columns, rows);
            if (columns == _columns && rows == _rows)
            {
                return;
            }

            var fill = default(ScreenPen).EraseCell();
            _normal.Resize(columns, rows, fill);
            _alternate?.Resize(columns, rows, fill);
            _columns = columns;
            _rows = rows;
        }
    }

    /// <summary>Text that rebuilds the current screen in a fresh terminal of the same size.</summary>
    public string Snapshot()
    {
        lock (_lock)
        {
            return new ScreenSnapshotWriter(this).Write();
        }
    }

    internal ScreenBuffer NormalBuffer => _normal;

    internal ScreenBuffer? AlternateBuffer => _alternate;

    internal bool AlternateActive => _active != _normal;

    internal ScreenModes Modes => _modes;

    /// <summary>The alternate buffer's saved cursor while the normal one is active (xterm.js keeps it).</summary>
    internal (int X, int Y, ScreenPen Pen, char Charset)? AlternateSaved => _alternateSaved;

    internal ScreenPen Pen => _pen;

    internal ReadOnlySpan<char> Title => _title.AsSpan(0, _titleLength);

    internal ReadOnlySpan<char> Charsets => _charsets;

    internal int CharsetLevel => _glevel;

    /// <summary>The charset in effect; differs from the GL set only after DECRC restored a saved one.</summary>
    internal char ActiveCharset => _charset;

    /// <summary>Cells of the character printed last when nothing came after it (else 0): xterm.js's join state.</summary>
    internal int LastPrintedWidth => (_joinState >> 1) & 3;

    internal int ColumnCount => _columns;

    internal int RowCount => _rows;

    private (int Columns, int Rows) Clamp(int columns, int rows) =>
        (Math.Clamp(columns, 2, Math.Max(2, _options.MaxColumns)), Math.Clamp(rows, 1, Math.Max(1, _options.MaxRows)));

    private void ActivateAlternate()
    {
        if (_active != _normal)
        {
            return;
        }

        // xterm.js fills a fresh alternate buffer with the erase attributes and carries the cursor over.
        var fill = _pen.EraseCell();
        if (_alternate is null)
        {
            _alternate = new ScreenBuffer(_columns, _rows, fill);
        }
        else
        {
            _alternate.Fill(fill);
        }

        _alternate.X = _normal.X;
        _alternate.Y = _normal.Y;
        if (_alternateSaved is { } saved)
        {
            (_alternate.SavedX, _alternate.SavedY, _alternate.SavedPen, _alternate.SavedCharset) = saved;
        }

        _active = _alternate;
    }

    private void ActivateNormal()
    {
        if (_active == _normal || _alternate is null)
        {
            return;
        }

        _normal.X = _alternate.X;
        _normal.Y = _alternate.Y;

        // xterm.js clears the alternate buffer on leaving but keeps its saved cursor; the model keeps only that, so an
        // idle shell holds one buffer.
        _alternateSaved = (_alternate.SavedX, _alternate.SavedY, _alternate.SavedPen, _alternate.SavedCharset);
        _alternate = null;
        _active = _normal;
    }

    private void FullReset()
    {
        _pen = default;
        _modes.SoftReset();
        _modes.Mouse = MouseProtocol.None;
        _modes.MouseEncoding = MouseEncoding.Default;
        Array.Clear(_charsets);
        _glevel = 0;
        _charset = '\0';
        _titleLength = 0;
        _normal = new ScreenBuffer(_columns, _rows, default(ScreenPen).EraseCell());
        _alternate = null;
        _alternateSaved = null;
        _active = _normal;
        _joinState = 0;
    }
}
