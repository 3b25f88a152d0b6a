namespace Bastion.Core.Screen;

/// <summary>Mouse tracking requested by the program (DECSET 9, 1000, 1002, 1003), as xterm.js names them.</summary>
internal enum MouseProtocol
{
    None = 0,
    X10 = 9,
    Vt200 = 1000,
    Drag = 1002,
    Any = 1003,
}
