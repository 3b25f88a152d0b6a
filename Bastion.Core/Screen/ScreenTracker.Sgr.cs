namespace Bastion.Core.Screen;

internal sealed partial class ScreenTracker
{
    /// <summary>SGR, bit for bit as xterm.js's charAttributes (including which colour bits a change keeps).</summary>
    private void SelectGraphicRendition()
    {
        if (_paramCount == 1 && _params[0] <= 0)
        {
            _pen = default;
            return;
        }

        for (var i = 0; i < _paramCount; i++)
        {
            if (_isSubParam[i])
            {
                continue;
            }

            var p = _params[i];
            const int paletteBits = CellAttributes.ColorModeMask | CellAttributes.PaletteMask;
            const int rgbBits = CellAttributes.ColorModeMask | CellAttributes.RgbMask;
            switch (p)
            {
                case >= 30 and <= 37:
                    _pen.Fg = (_pen.Fg & ~paletteBits) | CellAttributes.ColorModeP16 | (p - 30);
                    break;
                case >= 40 and <= 47:
                    _pen.Bg = (_pen.Bg & ~paletteBits) | CellAttributes.ColorModeP16 | (p - 40);
                    break;
                case >= 90 and <= 97:
                    _pen.Fg = (_pen.Fg & ~paletteBits) | CellAttributes.ColorModeP16 | (p - 90) | 8;
                    break;
                case >= 100 and <= 107:
                    _pen.Bg = (_pen.Bg & ~paletteBits) | CellAttributes.ColorModeP16 | (p - 100) | 8;
                    break;
                case 0:
                    _pen = default;
                    break;
                case 1:
                    _pen.Fg |= CellAttributes.Bold;
                    break;
                case 2:
                    _pen.Bg |= CellAttributes.Dim;
                    break;
                case 3:
                    _pen.Bg |= CellAttributes.Italic;
                    break;
                case 4:
                    SetUnderline(i + 1 < _paramCount && _isSubParam[i + 1] ? _params[i + 1] : 1);
                    break;
                case 5:
                    _pen.Fg |= CellAttributes.Blink;
                    break;
                case 7:
                    _pen.Fg |= CellAttributes.Inverse;
                    break;
                case 8:
                    _pen.Fg |= CellAttributes.Invisible;
                    break;
                case 9:
                    _pen.Fg |= CellAttributes.Strikethrough;
                    break;
                case 21:
                    SetUnderline(2);
                    break;
                case 22:
                    _pen.Fg &= ~CellAttributes.Bold;
                    _pen.Bg &= ~CellAttributes.Dim;
                    break;
                case 23:
                    _pen.Bg &= ~CellAttributes.Italic;
                    break;
                case 24:
                    SetUnderline(0);
                    break;
                case 25:
                    _pen.Fg &= ~CellAttributes.Blink;
                    break;
                case 27:
                    _pen.Fg &= ~CellAttributes.Inverse;
                    break;
                case 28:
                    _pen.Fg &= ~CellAttributes.Invisible;
                    break;
                case 29:
                    _pen.Fg &= ~CellAttributes.Strikethrough;
                    break;
                case 39:
                    _pen.Fg &= ~rgbBits;
                    break;
                case 49:
                    _pen.Bg &= ~rgbBits;
                    break;
                case 38 or 48 or 58:
                    i += ExtendedColor(i, p);
                    break;
                case 53:
                    _pen.Bg |= CellAttributes.Overline;
                    break;
                case 55:
                    _pen.Bg &= ~CellAttributes.Overline;
                    break;
            }
        }
    }

    private void SetUnderline(int style)
    {
        if (style < 0 || style > 5)
        {
            style = 1;
        }

        _pen.Underline = (byte)style;
        if (style == 0)
        {
            _pen.Fg &= ~CellAttributes.Underline;
            _pen.Bg &= ~CellAttributes.HasExtended;
        }
        else
        {
            _pen.Fg |= CellAttributes.Underline;
            _pen.Bg |= CellAttributes.HasExtended;
        }
    }

    /// <summary>
    /// 38/48/58 with "5;n", "2;r;g;b" or the colon forms "5:n", "2:cs:r:g:b" (xterm.js's _extractColor); returns how
    /// many further parameters were consumed. Underline colour (58) is parsed past but not kept: a known limit.
    /// </summary>
    private int ExtendedColor(int index, int which)
    {
        Span<int> accu = [0, 0, -1, 0, 0, 0];
        var colorSpace = 0;
        var advance = 0;
        do
        {
            accu[advance + colorSpace] = _params[index + advance];
            if (index + advance + 1 < _paramCount && _isSubParam[index + advance + 1])
            {
                var sub = index + advance + 1;
                var i = 0;
                do
                {
                    if (accu[1] == 5)
                    {
                        colorSpace = 1;
                    }

                    accu[advance + i + 1 + colorSpace] = _params[sub + i];
                }
                while (++i < _paramCount - sub && _isSubParam[sub + i] && i + advance + 1 + colorSpace < accu.Length);

                // Sub-parameters belong to the parameter; the caller skips them as sub-parameters.
                break;
            }

            if ((accu[1] == 5 && advance + colorSpace >= 2) || (accu[1] == 2 && advance + colorSpace >= 5))
            {
                break;
            }

            if (accu[1] != 0)
            {
                colorSpace = 1;
            }
        }
        while (NextPlainParam(index, ++advance) && advance + colorSpace < accu.Length);

        for (var i = 2; i < accu.Length; i++)
        {
            if (accu[i] == -1)
            {
                accu[i] = 0;
            }
        }

        if (which == 38)
        {
            _pen.Fg = UpdateColor(_pen.Fg, accu[1], accu[3], accu[4], accu[5]);
        }
        else if (which == 48)
        {
            _pen.Bg = UpdateColor(_pen.Bg, accu[1], accu[3], accu[4], accu[5]);
        }

        return advance;
    }

    private bool NextPlainParam(int index, int advance) =>
        index + advance < _paramCount && !_isSubParam[index + advance];

    private static int UpdateColor(int color, int mode, int c1, int c2, int c3)
    {
        if (mode == 2)
        {
            color |= CellAttributes.ColorModeRgb;
            color &= ~CellAttributes.RgbMask;
            color |= ((c1 & 0xFF) << 16) | ((c2 & 0xFF) << 8) | (c3 & 0xFF);
        }
        else if (mode == 5)
        {
            color &= ~(CellAttributes.ColorModeMask | CellAttributes.PaletteMask);
            color |= CellAttributes.ColorModeP256 | (c1 & 0xFF);
        }

        return color;
    }
}
