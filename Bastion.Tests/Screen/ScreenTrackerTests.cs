using Bastion.Core.Screen;

namespace Bastion.Tests.Screen;

/// <summary>Synthetic streams: each asserts, through headless xterm.js, that a snapshot rebuilds the screen.</summary>
public sealed class ScreenTrackerTests
{
    private const string Esc = "\u001b";

    [Fact]
    public async Task Snapshot_PlainTextAndColours_RebuildsTheScreen()
    {
        var stream = "hello\r\n" + Esc + "[1;31mred bold" + Esc + "[0m plain " + Esc + "[38;5;208morange" + Esc
            + "[48;2;10;20;30m rgb bg " + Esc + "[4:3mcurly" + Esc + "[24m" + Esc + "[7;3;9;53mmixed\r\n";
        await AssertSnapshotEqualsStreamAsync(40, 6, stream);
    }

    [Fact]
    public async Task Snapshot_PenInEffect_IsRestoredForTheTextThatFollows()
    {
        var stream = Esc + "[1;32;44mgreen on blue";
        var snapshot = ScreenRestore.SnapshotAfter(30, 4, stream);
        await HeadlessScreen.AssertSameScreenAsync(30, 4, stream + " more", snapshot + " more", "pen in effect");
    }

    [Fact]
    public async Task Snapshot_EveryCutOfAnEscapeHeavyStream_RebuildsTheScreen()
    {
        var stream = Esc + "[2J" + Esc + "[H" + Esc + "]0;my title\u0007" + Esc + "[?1h" + Esc + "=" + Esc + "[?2004h"
            + Esc + "[3;10r" + Esc + "[5;1Hin region\r\n" + Esc + "[38;2;1;2;3mx" + Esc + "[31my" + Esc + "[0m"
            + Esc + "[?1000h" + Esc + "[?1006h" + Esc + "[10;5H" + Esc + "[K" + Esc + "[2 q" + Esc + "[?25l" + Esc + "7"
            + Esc + "[1;1Hé漢\U0001F600z" + Esc + "8" + Esc + "(0lqk" + Esc + "(B" + Esc + "[?7l" + new string('w', 50);
        await ScreenRestore.AssertAtCutsAsync(40, 12, stream, Enumerable.Range(0, stream.Length + 1), "every cut");
    }

    [Fact]
    public async Task Snapshot_EveryCutOfRarerSequences_RebuildsTheScreen()
    {
        var stream = "abc" + Esc + "c" + "after reset" + Esc + "[3g" + Esc + "[1;5H" + Esc + "H" + Esc + "[1;13H" + Esc + "H"
            + "\r\tT1\tT2" + Esc + "[2;1Hx" + Esc + "[3bY" + Esc + "[2Z" + Esc + "[I" + "\u009b1;31mC1 red" + Esc + "[0m"
            + Esc + ")0" + "\u000eqqq\u000f" + Esc + "[3;1H" + Esc + "[4h" + "ins" + Esc + "[4l" + Esc + "[?6h" + Esc + "[2;4r"
            + Esc + "[2;2Horigin" + Esc + "[?6l" + Esc + "[r" + Esc + "[5;1H12345\u0018" + Esc + "[31X" + "\u001a"
            + Esc + "]2;st title" + Esc + "\\" + Esc + "P1$r0m" + Esc + "\\" + Esc + "_apc payload" + Esc + "\\"
            + Esc + "[6;1H" + Esc + "[1;4;5;7;9m" + "attrs" + Esc + "[22;24;25;27;29m" + "off" + Esc + "!p" + "soft"
            + Esc + "#8" + Esc + "[3;3H" + Esc + "[3@" + Esc + "[2P" + Esc + "[1J" + Esc + "[8;1H" + Esc + "[2K" + "end";
        await ScreenRestore.AssertAtCutsAsync(20, 8, stream, Enumerable.Range(0, stream.Length + 1), "rarer sequences");
    }

    [Fact]
    public async Task Snapshot_SurrogatePairSplitAcrossAppends_IsKeptWhole()
    {
        // U+1D400 is one cell wide: its halves taken apart would make two cells.
        var tracker = new ScreenTracker(20, 3);
        tracker.Append("a\ud835");
        var snapshot = tracker.Snapshot();
        tracker.Append("\udc00b");
        await HeadlessScreen.AssertSameScreenAsync(20, 3, "a\U0001D400b", snapshot + "\udc00b", "cut inside a pair");
        await HeadlessScreen.AssertSameScreenAsync(20, 3, "a\U0001D400b", tracker.Snapshot(), "after the pair");
        Assert.EndsWith("\ud835", snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_InAlternateScreen_RestoresBothScreensAndLeavingWorks()
    {
        var stream = "shell line 1\r\n$ " + Esc + "[?1049h" + Esc + "[H" + Esc + "[2J" + Esc + "[1;1Hfull screen"
            + Esc + "[24;1H" + Esc + "[7m-- INSERT --" + Esc + "[0m" + Esc + "[2;5H";
        var snapshot = ScreenRestore.SnapshotAfter(80, 24, stream);
        await HeadlessScreen.AssertSameScreenAsync(80, 24, stream, snapshot, "inside the alternate screen");
        var leave = Esc + "[?1049l" + "after";
        await HeadlessScreen.AssertSameScreenAsync(80, 24, stream + leave, snapshot + leave, "after leaving it");
    }

    [Fact]
    public async Task Snapshot_AfterLeavingTheAlternateScreen_ShowsTheShellAgain()
    {
        var stream = "before\r\n" + Esc + "[?1049h" + Esc + "[2Jvim stuff" + Esc + "[?1049l" + "back\r\n";
        await AssertSnapshotEqualsStreamAsync(40, 5, stream);
    }

    [Fact]
    public async Task Snapshot_ScrollRegionScrolling_RebuildsTheScreen()
    {
        var lines = string.Concat(Enumerable.Range(1, 30).Select(i => $"line {i}\r\n"));
        var stream = Esc + "[1;1Hheader" + Esc + "[10;1Hfooter" + Esc + "[2;9r" + Esc + "[9;1H" + lines
            + Esc + "[2;1H" + Esc + "M" + Esc + "M" + Esc + "[3L" + Esc + "[2M" + Esc + "[2S" + Esc + "[T";
        await ScreenRestore.AssertAtCutsAsync(30, 10, stream, ScreenRestore.SpreadCuts(stream, 20), "scroll region");
    }

    [Fact]
    public async Task Snapshot_KeyboardModes_AreRestored()
    {
        var stream = Esc + "[?1h" + Esc + "=" + Esc + "[?2004h" + Esc + "[?1002h" + Esc + "[?1006h" + Esc + "[?1004h"
            + Esc + "[4h" + Esc + "[?6h" + Esc + "[?45h" + "x";
        await AssertSnapshotEqualsStreamAsync(20, 5, stream);
    }

    [Fact]
    public async Task Snapshot_LongScrollingOutput_RebuildsTheLastScreen()
    {
        var stream = string.Concat(Enumerable.Range(1, 5000).Select(i =>
            $"{Esc}[3{i % 8}mfile-{i}.txt{Esc}[0m  {new string('x', i % 97)}\r\n"));
        await ScreenRestore.AssertAtCutsAsync(80, 24, stream, ScreenRestore.SpreadCuts(stream, 6), "long output");
    }

    [Fact]
    public async Task Snapshot_WideAndCombiningCharacters_RebuildsTheScreen()
    {
        var stream = "e\u0301 漢字 \U0001F600\r\n" + new string('a', 19) + "漢" + "x" + Esc + "[1;2H" + "b"
            + Esc + "[1;6H" + "z" + Esc + "[2;1H" + Esc + "[2@" + Esc + "[3P";
        await ScreenRestore.AssertAtCutsAsync(20, 4, stream, Enumerable.Range(0, stream.Length + 1), "wide chars");
    }

    [Fact]
    public async Task Snapshot_ErasedCellsWithBackground_StayErased()
    {
        var stream = Esc + "[44m" + Esc + "[2J" + Esc + "[3;3Htext" + Esc + "[K" + Esc + "[0m" + Esc + "[5;1H"
            + Esc + "[41m" + Esc + "[5X" + Esc + "[0m";
        await AssertSnapshotEqualsStreamAsync(20, 6, stream);
    }

    [Fact]
    public async Task Snapshot_PendingWrapAtTheLastColumn_WrapsTheNextCharacter()
    {
        var stream = new string('a', 20);
        var snapshot = ScreenRestore.SnapshotAfter(20, 3, stream);
        await HeadlessScreen.AssertSameScreenAsync(20, 3, stream + "b", snapshot + "b", "pending wrap");
    }

    [Fact]
    public async Task Snapshot_AfterResize_MatchesAClientResizedTheSameWay()
    {
        var tracker = new ScreenTracker(40, 10);
        tracker.Append("one\r\ntwo\r\n");
        tracker.Resize(30, 8);
        tracker.Append("three " + Esc + "[8;1Hbottom");
        await HeadlessScreen.AssertSameScreenAsync(30, 8, "one\r\ntwo\r\nthree " + Esc + "[8;1Hbottom", tracker.Snapshot(), "resized");
    }

    [Fact]
    public async Task Snapshot_HugeUnfinishedOsc_IsSwallowedByTheClient()
    {
        var tracker = new ScreenTracker(20, 3);
        tracker.Append("ok" + Esc + "]52;c;" + new string('A', 5000));
        var snapshot = tracker.Snapshot();
        var rest = new string('A', 100) + "\u0007done";
        await HeadlessScreen.AssertSameScreenAsync(20, 3, "okdone", snapshot + rest, "huge OSC");
    }

    [Fact]
    public void Snapshot_TitleLongerThanTheBound_IsCut()
    {
        var tracker = new ScreenTracker(20, 3, new ScreenTrackerOptions { MaxTitleChars = 4 });
        tracker.Append(Esc + "]2;abcdefgh\u0007");
        Assert.Contains(Esc + "]2;abcd\u0007", tracker.Snapshot());
    }

    [Fact]
    public void Resize_BeyondTheBound_IsClamped()
    {
        var tracker = new ScreenTracker(10_000, 10_000, new ScreenTrackerOptions { MaxColumns = 100, MaxRows = 50 });
        Assert.Equal((100, 50), (tracker.Columns, tracker.Rows));
    }

    private static async Task AssertSnapshotEqualsStreamAsync(int columns, int rows, string stream) =>
        await ScreenRestore.AssertAtCutsAsync(columns, rows, stream, [stream.Length], "whole stream");
}
