// TEMPORARY: a stand-in for Bastion.Core/Screen/ScreenTracker, which another change brings. Delete this file when that
// lands; the session code uses only the constructor, Append, Resize and Snapshot declared here.
namespace Bastion.Core.Screen;

/// <summary>Stand-in: keeps a bounded tail of output and replays it, which restores line-mode screens but not
/// full-screen programs (the real tracker models the screen).</summary>
internal sealed class ScreenTracker(int cols, int rows)
{
    private const int TailChars = 64 * 1024;
    private readonly char[] _ring = new char[TailChars];
    private long _written;

    public int Cols { get; private set; } = cols;

    public int Rows { get; private set; } = rows;

    public void Append(ReadOnlySpan<char> decodedOutput)
    {
        if (decodedOutput.Length > TailChars)
        {
            _written += decodedOutput.Length - TailChars;
            decodedOutput = decodedOutput[^TailChars..];
        }

        var start = (int)(_written % TailChars);
        var first = Math.Min(decodedOutput.Length, TailChars - start);
        decodedOutput[..first].CopyTo(_ring.AsSpan(start));
        decodedOutput[first..].CopyTo(_ring);
        _written += decodedOutput.Length;
    }

    public void Resize(int cols, int rows) => (Cols, Rows) = (cols, rows);

    public string Snapshot()
    {
        if (_written <= TailChars)
        {
            return new string(_ring, 0, (int)_written);
        }

        var start = (int)(_written % TailChars);
        return string.Concat(_ring.AsSpan(start), _ring.AsSpan(0, start));
    }
}
