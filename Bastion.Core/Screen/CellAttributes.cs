namespace Bastion.Core.Screen;

/// <summary>
/// The bit layout of a cell's foreground and background words, the same as xterm.js's (<c>Attributes</c>,
/// <c>FgFlags</c>, <c>BgFlags</c> in its buffer constants), so SGR handling can mirror xterm.js bit for bit and a
/// restored screen carries exactly the attributes the browser terminal would have computed.
/// </summary>
internal static class CellAttributes
{
    public const int ColorModeMask = 0x3000000;
    public const int ColorModeDefault = 0;
    public const int ColorModeP16 = 0x1000000;
    public const int ColorModeP256 = 0x2000000;
    public const int ColorModeRgb = 0x3000000;
    public const int PaletteMask = 0xFF;
    public const int RgbMask = 0xFFFFFF;

    // Foreground word.
    public const int Inverse = 0x4000000;
    public const int Bold = 0x8000000;
    public const int Underline = 0x10000000;
    public const int Blink = 0x20000000;
    public const int Invisible = 0x40000000;
    public const int Strikethrough = unchecked((int)0x80000000);

    // Background word.
    public const int Italic = 0x4000000;
    public const int Dim = 0x8000000;
    public const int HasExtended = 0x10000000;
    public const int Overline = 0x40000000;

    /// <summary>Flag bits of the background word that an erase does not carry (xterm.js's <c>~0xFC000000</c>).</summary>
    public const int BgFlagsMask = unchecked((int)0xFC000000);
}
