using Bastion.Core.Recording;

namespace Bastion.Tests.Audit;

/// <summary>
/// The echo's cursor moves as a terminal moves it: CSI D stops at the start of the cursor's row (it does not go back up
/// a wrapped line), and a sequence's count is its first parameter only (ESC[1;5D, Ctrl+Left's form, is one column).
/// Each case is fed in one chunk and split inside the sequence.
/// </summary>
public sealed class EchoCursorMoveTests
{
    public static TheoryData<int> Splits => [0, 1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Splits))]
    public void EchoMode_CursorBackOnAWrappedRow_StopsAtTheRowsStart(int split)
    {
        // 10 columns: "$ ls aaaaa" fills the first row, "bcd" is on the second; five columns back stops at its start.
        var tracker = new CommandLineTracker(fromInput: false) { Columns = 10 };
        tracker.OnInput("ls\r");

        var lines = Feed(tracker, "$ ls aaaaabcd", "\u001b[5D", "X\r\n", split);

        Assert.Equal(["$ ls aaaaaXcd"], lines);
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void EchoMode_CursorBackWithAModifierParameter_MovesByTheFirstParameter(int split)
    {
        var tracker = new CommandLineTracker(fromInput: false);
        tracker.OnInput("echo\r");

        var lines = Feed(tracker, "$ echo abcdefghijklmnop", "\u001b[1;5D", "Z\r\n", split);

        Assert.Equal(["$ echo abcdefghijklmnoZ"], lines);
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void EchoMode_CursorForwardWithAnEmptyFirstParameter_MovesOneColumn(int split)
    {
        var tracker = new CommandLineTracker(fromInput: false);
        tracker.OnInput("echo\r");

        var lines = Feed(tracker, "$ echo abcdefgh\b\b\b\b\b\b\b\b", "\u001b[;7C", "Z\r\n", split);

        Assert.Equal(["$ echo aZcdefgh"], lines);
    }

    /// <summary>The text before the sequence, the sequence cut after <paramref name="split"/> characters (0: not cut,
    /// all in one chunk), and the rest.</summary>
    private static List<string> Feed(CommandLineTracker tracker, string before, string sequence, string after, int split)
    {
        if (split == 0 || split >= sequence.Length)
        {
            return tracker.OnOutput(before + sequence + after);
        }

        var lines = tracker.OnOutput(before + sequence[..split]);
        lines.AddRange(tracker.OnOutput(sequence[split..] + after));
        return lines;
    }
}
