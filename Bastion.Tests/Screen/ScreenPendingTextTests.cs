using Bastion.Core.Screen;

namespace Bastion.Tests.Screen;

/// <summary>
/// Printable ASCII is kept as a row's pending text until its cells are needed, and a row scrolled off drops it
/// unwritten (issue 12: the screen model per MB, <c>ScreenRow.Pending.cs</c>). Each stream is fed in batches of more
/// lines than the screen has rows, as a flood reaches the model, and pinned against headless xterm.js: the snapshot
/// at every cut rebuilds the client's screen, and the snapshot plus the rest the client's final screen.
/// </summary>
public sealed class ScreenPendingTextTests
{
    private const string Esc = "\u001b";

    [Fact]
    public async Task BatchOfMoreLinesThanRows_StateChangesInRowsThatScrollAway_StillApply()
    {
        // Rows that scroll off before the batch ends change the pen, the charsets, the saved cursor, the modes and the
        // title; the last screen shows their effect on the rows that stay.
        var stream =
            string.Concat(Enumerable.Range(0, 30).Select(i => $"{Esc}[3{i % 8};4{(i + 3) % 8}mline {i} " + new string((char)('a' + (i % 26)), 10 + i) + "\r\n")) +
            $"{Esc}[1;33mbold yellow from a row that scrolls{Esc}7{Esc})0\u000e\r\n" + // pen, G1 = DEC graphics in GL, cursor saved
            $"{Esc}]0;title set off screen\u0007{Esc}[?25l{Esc}[4h" + "inserted\r\n" + // title, hidden cursor, insert mode
            $"{Esc}[4l\u000f{Esc}(0lqqk{Esc}(B\r\n" + // insert off, G0 back in GL, G0 = DEC graphics for three cells, then ASCII
            string.Concat(Enumerable.Range(0, 20).Select(i => $"more {i} {new string('z', i)}\r\n")) +
            $"{Esc}8restored" + // the saved cursor, its row now holding later text
            $"{Esc}[0m{Esc}[?25h\r\nend";
        await AssertInBatchesAsync(40, 8, stream, "state changes in rows that scroll away");
    }

    [Fact]
    public async Task WideCharacters_MixedWithPendingText_AreCleanedUpAsTheClientDoes()
    {
        var stream =
            string.Concat(Enumerable.Range(0, 12).Select(i => $"漢字{i}テキスト abc\r\n")) +
            "漢字\r" + "a" + $"{Esc}[4G" + "b" + "\r\n" + // ASCII over a wide left half, then over a wide right half
            "abcdef\r" + "漢" + "\r\n" + // a wide character over pending text
            "xyz" + $"{Esc}[2D" + "字" + "q\r\n" + // a wide character between pending runs
            new string('w', 19) + "漢" + "tail\r\n" + // a wide character that does not fit at the end: wrapped
            "e\u0301abc" + $"{Esc}[1G" + "xy" + "\r\n" + // ASCII into a row with combined text
            "漢字\rabc" + $"{Esc}[31m" + "d" + $"{Esc}[0m\r\n" + // a run after pending text over a wide left half
            "漢字\rabcd\ra\r\n" + // pending text over a wide right half, then a shorter run before it
            string.Concat(Enumerable.Range(0, 3).Select(i => $"last {i} 漢\r\n")) + "漢字" + $"{Esc}[1G" + "Z";
        await AssertInBatchesAsync(20, 6, stream, "wide characters and pending text");
    }

    [Fact]
    public async Task WrapAtTheLastColumn_InRowsThatScrollAway_MatchesTheClient()
    {
        var stream =
            string.Concat(Enumerable.Range(0, 15).Select(i => new string((char)('A' + i), 20) + (i % 3 == 0 ? "\r\n" : ""))) + // exactly a row, wrapped or not
            string.Concat(Enumerable.Range(0, 10).Select(i => new string((char)('a' + i), 20 + (i * 7)))) + // longer than a row
            $"{Esc}[?7l" + new string('n', 45) + "\r\n" + $"{Esc}[?7h" + // no autowrap: the last column is overwritten
            new string('p', 20) + // the cursor waits at the last column
            "\r\n" + string.Concat(Enumerable.Range(0, 8).Select(i => $"after {i}\r\n")) + new string('r', 20);
        await AssertInBatchesAsync(20, 5, stream, "wrap at the last column");
    }

    [Fact]
    public async Task ScrollRegion_RowsOutsideKeepTheirPendingText()
    {
        var stream =
            "top row text\r\nsecond row\r\n" + $"{Esc}[10;1Hbottom row text" + // pending outside the region
            $"{Esc}[3;8r{Esc}[8;1H" +
            string.Concat(Enumerable.Range(0, 25).Select(i => $"{Esc}[3{i % 7}mregion line {i}{Esc}[0m\r\n")) +
            $"{Esc}[3;1H{Esc}M{Esc}Mreverse" + // scrolled down at the region's top: the region's bottom rows drop
            $"{Esc}[5;1H{Esc}[2L{Esc}[1M" + "inserted" + $"{Esc}[2S{Esc}[T" +
            $"{Esc}[r{Esc}[10;5H" + "over" + $"{Esc}[1;3H{Esc}[K" + $"{Esc}[2;2H{Esc}[3X" + $"{Esc}[9;1H{Esc}[2P{Esc}[2@" +
            $"{Esc}[10;1H" + string.Concat(Enumerable.Range(0, 12).Select(i => $"\r\nfull {i}"));
        await AssertInBatchesAsync(30, 10, stream, "scroll region");
    }

    [Fact]
    public async Task AlternateScreen_NormalRowsKeepTheirPendingTextWhileAFloodRunsInTheAlternateOne()
    {
        var stream =
            string.Concat(Enumerable.Range(0, 10).Select(i => $"shell {i}\r\n")) + "$ prompt" +
            $"{Esc}[?1049h{Esc}[H{Esc}[2J" +
            string.Concat(Enumerable.Range(0, 30).Select(i => $"{Esc}[{(i % 6) + 1};1Hfull screen {i} {new string('f', i)}")) +
            string.Concat(Enumerable.Range(0, 12).Select(i => $"\r\nalt flood {i}")) +
            $"{Esc}[?1049l" + " back\r\n" + "after\r\n" +
            $"{Esc}[?1047h" + "alt again" + $"{Esc}[?1047l" + $"{Esc}b" + "x" + $"{Esc}[3b";
        await AssertInBatchesAsync(30, 6, stream, "alternate screen");
    }

    [Fact]
    public async Task ManyColourRunsInOneRow_AndRedrawsAfterCarriageReturn_MatchTheClient()
    {
        // More runs than a row keeps pending (written, then kept again), a progress line redrawn in place, and a
        // shorter redraw over a longer one.
        var colours = string.Concat(Enumerable.Range(0, ScreenRow.MaxPendingRuns * 3).Select(i => $"{Esc}[3{i % 8}m{(char)('a' + i)}"));
        var stream =
            colours + $"{Esc}[0m\r\n" +
            string.Concat(Enumerable.Range(0, 40).Select(i => $"\rprogress {i,3}% {new string('#', i / 4)}")) + "\r\n" +
            "a long line of text here" + "\rshort" + $"{Esc}[44m" + "\r\n" + // the scroll fills with blue
            "x" + $"{Esc}[0m" + string.Concat(Enumerable.Range(0, 9).Select(i => $"\r\n{i}")) + $"{Esc}[2;1H" + "ab" + $"{Esc}[1b";
        await AssertInBatchesAsync(30, 6, stream, "colour runs and redraws");
    }

    [Fact]
    public void ScrolledOffRows_NeverWriteTheirCells_AndTheRowsThatStayKeepTheirText()
    {
        var tracker = new ScreenTracker(40, 5);
        tracker.Append(string.Concat(Enumerable.Range(0, 200).Select(i => $"line {i}\r\n")));

        var buffer = tracker.NormalBuffer;
        Assert.All(Enumerable.Range(0, 4), y => Assert.True(buffer.Row(y).HasPendingText, $"row {y} keeps its text pending"));
        Assert.Equal("line 199", RowText(buffer.Row(3)));
        Assert.False(buffer.Row(3).HasPendingText); // reading the cells wrote it
    }

    [Fact]
    public void ResizeWithPendingRows_GivesTheScreenOfRowsWrittenBeforeTheResize()
    {
        // The harness cannot resize a client, so the reference is the model itself with every row written (a snapshot
        // reads, and so writes, every row) before the same resize.
        var before = string.Concat(Enumerable.Range(0, 12).Select(i => $"row {i} {new string('r', 20)}\r\n")) + "wide";
        var after = $"{Esc}[1;1Hnew" + string.Concat(Enumerable.Range(0, 3).Select(i => $"\r\nafter {i} {new string('s', 30)}"));
        foreach (var (columns, rows) in new[] { (20, 4), (40, 8), (30, 3) })
        {
            var pending = new ScreenTracker(30, 6);
            var written = new ScreenTracker(30, 6);
            foreach (var tracker in new[] { pending, written })
            {
                tracker.Append(before);
                if (tracker == written)
                {
                    _ = tracker.Snapshot();
                }

                tracker.Resize(columns, rows);
                tracker.Append(after);
            }

            Assert.Equal(written.Snapshot(), pending.Snapshot());
        }
    }

    private static string RowText(ScreenRow row) =>
        new string([.. row.Cells.ToArray().Select(c => c.Code == 0 ? ' ' : (char)c.Code)]).TrimEnd();

    /// <summary>Feeds the stream whole and in batches of 500 characters, with snapshots at spread cuts.</summary>
    private static async Task AssertInBatchesAsync(int columns, int rows, string stream, string because)
    {
        var cuts = ScreenRestore.SpreadCuts(stream, 12).Distinct().Order().ToList();
        var streams = new List<string> { stream };
        foreach (var cut in cuts)
        {
            foreach (var batch in new[] { int.MaxValue, 500 })
            {
                var tracker = new ScreenTracker(columns, rows);
                for (var position = 0; position < cut; position += Math.Min(batch, cut - position))
                {
                    tracker.Append(stream.AsSpan(position, Math.Min(batch, cut - position)));
                }

                var snapshot = tracker.Snapshot();
                streams.Add(stream[..cut]);
                streams.Add(snapshot);
                streams.Add(snapshot + stream[cut..]);
            }
        }

        var screens = await HeadlessScreen.RenderAsync(columns, rows, streams);
        for (var i = 0; i < (streams.Count - 1) / 3; i++)
        {
            var at = $"{because}: snapshot at {cuts[i / 2]} of {stream.Length}, {(i % 2 == 0 ? "one batch" : "batches of 500")}";
            HeadlessScreen.AssertSame(screens[1 + (3 * i)], screens[2 + (3 * i)], at);
            HeadlessScreen.AssertSame(screens[0], screens[3 + (3 * i)], at + " + the rest");
        }
    }
}
