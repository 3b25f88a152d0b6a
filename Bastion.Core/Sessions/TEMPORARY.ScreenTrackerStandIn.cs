// TEMPORARY: a stand-in for Bastion.Core/Screen/ScreenTracker, which another change brings. Delete this file when that
// lands; the session code uses only the constructor, Append, Resize and Snapshot declared here.
using System.Text;

namespace Bastion.Core.Screen;

/// <summary>Stand-in: keeps a bounded tail of output and replays it, which restores line-mode screens but not
/// full-screen programs (the real tracker models the screen).</summary>
internal sealed class ScreenTracker(int cols, int rows)
{
    private const int TailChars = 64 * 1024;
    private readonly StringBuilder _tail = new();

    public int Cols { get; private set; } = cols;

    public int Rows { get; private set; } = rows;

    public void Append(ReadOnlySpan<char> decodedOutput)
    {
        _tail.Append(decodedOutput);
        if (_tail.Length > TailChars)
        {
            _tail.Remove(0, _tail.Length - TailChars);
        }
    }

    public void Resize(int cols, int rows) => (Cols, Rows) = (cols, rows);

    public string Snapshot() => _tail.ToString();
}
