using System.Runtime.InteropServices;

namespace Bastion.Core.Screen;

/// <summary>
/// One cell of the screen model: 16 bytes. <see cref="Code"/> is the code point (0 = never written or erased);
/// <see cref="Width"/> is 1, 2 (left half of a wide character) or 0 (its right half); <see cref="Fg"/> and
/// <see cref="Bg"/> use <see cref="CellAttributes"/>' layout; <see cref="Underline"/> is the underline style (SGR 4:n).
/// A cell whose text is more than one code point (a base and combining marks) keeps the text in its row's side table.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ScreenCell
{
    public int Code;
    public int Fg;
    public int Bg;
    public short Width;
    public byte Underline;
    public bool Combined;

    public static ScreenCell Empty(int fg, int bg, byte underline) =>
        new() { Code = 0, Fg = fg, Bg = bg, Width = 1, Underline = underline };
}
