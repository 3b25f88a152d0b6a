using System.Globalization;
using System.Text;

namespace Bastion.Core.Screen;

/// <summary>
/// Writes SGR sequences that give xterm.js exactly a pen's foreground and background words, including the colour bits
/// xterm.js keeps when a palette colour replaces an RGB one.
/// </summary>
internal static class SgrWriter
{
    /// <summary>Appends one SGR sequence that sets exactly <paramref name="pen"/>, from the default pen.</summary>
    public static void Write(StringBuilder output, ScreenPen pen)
    {
        output.Append("\u001b[0");
        var fg = pen.Fg;
        var bg = pen.Bg;
        Attribute(fg, CellAttributes.Bold, "1");
        Attribute(bg, CellAttributes.Dim, "2");
        Attribute(bg, CellAttributes.Italic, "3");
        if ((fg & CellAttributes.Underline) != 0)
        {
            output.Append(pen.Underline is 0 or 1 ? ";4" : ";4:" + Number(pen.Underline));
        }

        Attribute(fg, CellAttributes.Blink, "5");
        Attribute(fg, CellAttributes.Inverse, "7");
        Attribute(fg, CellAttributes.Invisible, "8");
        Attribute(fg, CellAttributes.Strikethrough, "9");
        Attribute(bg, CellAttributes.Overline, "53");
        Color(output, fg, 30, 90, 38);
        Color(output, bg, 40, 100, 48);
        output.Append('m');

        void Attribute(int word, int flag, string code)
        {
            if ((word & flag) != 0)
            {
                output.Append(';').Append(code);
            }
        }
    }

    private static void Color(StringBuilder output, int word, int normal, int bright, int extended)
    {
        var mode = word & CellAttributes.ColorModeMask;
        if (mode == CellAttributes.ColorModeDefault)
        {
            return;
        }

        var rgb = word & CellAttributes.RgbMask;

        // A palette colour set after an RGB one keeps the RGB's upper bits in xterm.js; set them the same way.
        if (mode == CellAttributes.ColorModeRgb || (rgb & 0xFFFF00) != 0)
        {
            output.Append(';').Append(Number(extended)).Append(";2;").Append(Number((rgb >> 16) & 0xFF)).Append(';')
                .Append(Number((rgb >> 8) & 0xFF)).Append(';').Append(Number(rgb & 0xFF));
        }

        var index = word & CellAttributes.PaletteMask;
        if (mode == CellAttributes.ColorModeP16)
        {
            output.Append(';').Append(Number(index < 8 ? normal + index : bright + index - 8));
        }
        else if (mode == CellAttributes.ColorModeP256)
        {
            output.Append(';').Append(Number(extended)).Append(";5;").Append(Number(index));
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
