namespace Bastion.Core.Terminal;

/// <summary>Why the browser → host pump stopped.</summary>
internal enum InputEnd
{
    /// <summary>The browser sent a close frame.</summary>
    ClientClosed,

    /// <summary>A message exceeded <see cref="TerminalLimits.MaxClientMessageBytes"/>.</summary>
    MessageTooBig,

    /// <summary>The connection dropped without a close frame.</summary>
    ConnectionLost,

    /// <summary>The relay cancelled the pump.</summary>
    Cancelled,
}
