namespace Bastion.Core.Screen;

/// <summary>The terminal modes that change what the keyboard and mouse send or how output is drawn.</summary>
internal sealed class ScreenModes
{
    public bool ApplicationCursorKeys { get; set; }

    public bool ApplicationKeypad { get; set; }

    public bool BracketedPaste { get; set; }

    public bool Insert { get; set; }

    public bool Origin { get; set; }

    public bool ReverseWraparound { get; set; }

    public bool SendFocus { get; set; }

    public bool SynchronizedOutput { get; set; }

    public bool Wraparound { get; set; } = true;

    public bool CursorHidden { get; set; }

    public MouseProtocol Mouse { get; set; }

    public MouseEncoding MouseEncoding { get; set; }

    /// <summary>DECSCUSR shape: 0 = the client's default, 1 block, 2 underline, 3 bar.</summary>
    public int CursorShape { get; set; }

    /// <summary>DECSCUSR blinking: null = the client's default.</summary>
    public bool? CursorBlink { get; set; }

    /// <summary>DECSTR/RIS: what xterm.js's <c>coreService.reset()</c> restores (mouse state survives DECSTR).</summary>
    public void SoftReset()
    {
        ApplicationCursorKeys = false;
        ApplicationKeypad = false;
        BracketedPaste = false;
        Insert = false;
        Origin = false;
        ReverseWraparound = false;
        SendFocus = false;
        SynchronizedOutput = false;
        Wraparound = true;
        CursorHidden = false;
        CursorShape = 0;
        CursorBlink = null;
    }
}
