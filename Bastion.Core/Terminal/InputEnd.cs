namespace Bastion.Core.Terminal;

/// <summary>Why the browser → host pump stopped.</summary>
internal enum InputEnd
{
    /// <summary>The browser sent a close frame with 1000 (normal closure): it is done with the session.</summary>
    ClientClosed,

    /// <summary>The browser sent a close frame with another status (1001 going away on reload or navigation, none,
    /// ...): the session may outlive the socket.</summary>
    ClientWentAway,

    /// <summary>The browser asked to end the session (<c>{"flag":"end"}</c>).</summary>
    EndRequested,

    /// <summary>A message exceeded <see cref="TerminalLimits.MaxClientMessageBytes"/>.</summary>
    MessageTooBig,

    /// <summary>The connection dropped without a close frame.</summary>
    ConnectionLost,

    /// <summary>The relay cancelled the pump.</summary>
    Cancelled,
}
