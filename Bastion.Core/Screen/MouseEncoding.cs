namespace Bastion.Core.Screen;

/// <summary>How mouse reports are encoded (DECSET 1006 SGR, 1016 SGR pixels; default otherwise).</summary>
internal enum MouseEncoding
{
    Default = 0,
    Sgr = 1006,
    SgrPixels = 1016,
}
