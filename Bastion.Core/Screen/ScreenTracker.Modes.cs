namespace Bastion.Core.Screen;

internal sealed partial class ScreenTracker
{
    /// <summary>DECSET / DECRST, the cases xterm.js's setModePrivate and resetModePrivate handle.</summary>
    private void SetPrivateModes(bool on)
    {
        var count = ParamCount();
        for (var i = 0; i < count; i++)
        {
            switch (Param(i))
            {
                case 1:
                    _modes.ApplicationCursorKeys = on;
                    break;
                case 2 when on:
                    for (var level = 0; level < 4; level++)
                    {
                        SetCharset(level, '\0');
                    }

                    break;
                case 6:
                    _modes.Origin = on;
                    SetCursor(0, 0);
                    break;
                case 7:
                    _modes.Wraparound = on;
                    break;
                case 45:
                    _modes.ReverseWraparound = on;
                    break;
                case 66:
                    _modes.ApplicationKeypad = on;
                    break;
                case 9:
                    _modes.Mouse = on ? MouseProtocol.X10 : MouseProtocol.None;
                    break;
                case 1000:
                    _modes.Mouse = on ? MouseProtocol.Vt200 : MouseProtocol.None;
                    break;
                case 1002:
                    _modes.Mouse = on ? MouseProtocol.Drag : MouseProtocol.None;
                    break;
                case 1003:
                    _modes.Mouse = on ? MouseProtocol.Any : MouseProtocol.None;
                    break;
                case 1004:
                    _modes.SendFocus = on;
                    break;
                case 1006:
                    _modes.MouseEncoding = on ? MouseEncoding.Sgr : MouseEncoding.Default;
                    break;
                case 1016:
                    _modes.MouseEncoding = on ? MouseEncoding.SgrPixels : MouseEncoding.Default;
                    break;
                case 25:
                    _modes.CursorHidden = !on;
                    break;
                case 1048:
                    if (on)
                    {
                        SaveCursor();
                    }
                    else
                    {
                        RestoreCursor();
                    }

                    break;
                case 1049 or 47 or 1047:
                    if (on)
                    {
                        if (Param(i) == 1049)
                        {
                            SaveCursor();
                        }

                        ActivateAlternate();
                    }
                    else
                    {
                        ActivateNormal();
                        if (Param(i) == 1049)
                        {
                            RestoreCursor();
                        }
                    }

                    break;
                case 2004:
                    _modes.BracketedPaste = on;
                    break;
                case 2026:
                    _modes.SynchronizedOutput = on;
                    break;
            }
        }
    }
}
