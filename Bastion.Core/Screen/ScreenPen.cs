namespace Bastion.Core.Screen;

/// <summary>The attributes new text is written with (SGR state), in <see cref="CellAttributes"/>' layout.</summary>
internal struct ScreenPen
{
    public int Fg;
    public int Bg;
    public byte Underline;

    /// <summary>What erases and scrolls fill with: the background colour only (xterm.js's <c>_eraseAttrData</c>).</summary>
    public readonly ScreenCell EraseCell() => ScreenCell.Empty(0, Bg & ~CellAttributes.BgFlagsMask, 0);

    public readonly ScreenCell Cell(int code, int width) =>
        new() { Code = code, Fg = Fg, Bg = Bg, Width = (short)width, Underline = Underline };

    public readonly bool SameAs(in ScreenCell cell) =>
        cell.Fg == Fg && cell.Bg == Bg && cell.Underline == Underline;
}
