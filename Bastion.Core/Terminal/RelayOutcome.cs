namespace Bastion.Core.Terminal;

/// <summary>How a terminal session ended; recorded once per session (audit <c>session.ended</c> reason).</summary>
internal enum RelayOutcome
{
    /// <summary>The remote shell exited.</summary>
    HostClosed,

    /// <summary>The connection to the host dropped or failed mid-session.</summary>
    HostFailed,

    /// <summary>The host (or its gateway) stopped answering: the TCP silence bound ended the connection (issue #9).</summary>
    HostUnresponsive,

    /// <summary>The browser closed the socket.</summary>
    ClientClosed,

    /// <summary>The browser vanished without a close frame.</summary>
    ClientLost,

    /// <summary>The browser stopped reading: an output message was not taken within the send timeout.</summary>
    ClientTooSlow,

    /// <summary>The browser sent a message over the size limit.</summary>
    ClientMessageTooBig,

    /// <summary>The recorder could not keep up; the session was ended rather than lose audit data.</summary>
    RecorderFailed,

    /// <summary>The server is stopping, or the session was ended from outside.</summary>
    Cancelled,
}
