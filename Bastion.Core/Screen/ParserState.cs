namespace Bastion.Core.Screen;

/// <summary>States of the VT500 parser (vt100.net's DEC ANSI parser, as xterm.js implements it).</summary>
internal enum ParserState : byte
{
    Ground,
    Escape,
    EscapeIntermediate,
    CsiEntry,
    CsiParam,
    CsiIntermediate,
    CsiIgnore,
    OscString,
    DcsEntry,
    DcsParam,
    DcsIntermediate,
    DcsIgnore,
    DcsPassthrough,
    SosPmApcString,
}
