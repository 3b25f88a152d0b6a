namespace Bastion.Tests.Screen;

/// <summary>
/// A row the screen scrolls away keeps its cells and is filled only when next read or written (issue 12: the screen
/// model's cost per byte, <c>ScreenRow.Fill</c>). Pinned against headless xterm.js: recycled rows blanked in a
/// background colour, written into at column 0 and further right, erased, and snapshotted while still stale.
/// </summary>
public sealed class ScreenRowRecycleTests
{
    [Fact]
    public async Task RecycledRows_WrittenAtAnyColumn_ShowTheFillAroundTheirText()
    {
        const string Esc = "\u001b";
        var stream =
            string.Concat(Enumerable.Range(0, 6).Select(i => $"{Esc}[3{1 + (i % 6)}mcoloured line {i} full of text\r\n")) + // rows written, then scrolled
            $"{Esc}[44m\r\n\r\n\r\n" + // blue background: the rows scrolled in are blanked in blue (not yet filled)
            $"{Esc}[0mab\r\n" + // a short text at column 0 of a recycled row
            $"{Esc}[42m\r\n{Esc}[9Gxy" + // green blank row, then text at column 9 of it
            $"{Esc}[2;1H{Esc}[45m{Esc}[2K{Esc}[3Gq" + // an erased row, then one cell written into it
            $"{Esc}[0m{Esc}[6;1H\r\n\r\n"; // scroll twice more: the snapshot sees stale rows
        await ScreenRestore.AssertAtCutsAsync(20, 6, stream, ScreenRestore.SpreadCuts(stream, 16), "recycled rows");
    }
}
