namespace Bastion.Core.Screen;

/// <summary>The DEC special graphics set (ESC ( 0), the line-drawing characters curses programs use.</summary>
internal static class DecSpecialGraphics
{
    // '`' (0x60) to '~' (0x7E), xterm.js's CHARSETS['0'].
    private static ReadOnlySpan<char> Table =>
        "\u25c6\u2592\u2409\u240c\u240d\u240a\u00b0\u00b1\u2424\u240b\u2518\u2510\u250c\u2514\u253c\u23ba\u23bb\u2500\u23bc\u23bd\u251c\u2524\u2534\u252c\u2502\u2264\u2265\u03c0\u2260\u00a3\u00b7";

    public static int Translate(int code) => code is >= 0x60 and <= 0x7E ? Table[code - 0x60] : code;
}
