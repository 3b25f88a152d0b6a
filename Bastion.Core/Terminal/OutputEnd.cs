namespace Bastion.Core.Terminal;

/// <summary>Why the host → browser pump stopped.</summary>
internal enum OutputEnd
{
    /// <summary>The host side completed the output buffer (the shell exited, or the connection failed: see
    /// <see cref="IShellChannel.Failure"/>).</summary>
    HostClosed,

    /// <summary>The tap (the recorder) refused output: it fell behind and its policy is to end the session.</summary>
    TapRefused,

    /// <summary>A send to the browser was not taken within the send timeout: it stopped reading (an attachment's end).</summary>
    ClientTooSlow,

    /// <summary>A send to the browser failed on the socket: the browser went away (an attachment's end).</summary>
    ClientLost,

    /// <summary>Relaying failed for another reason (a bug or an unexpected host-side error).</summary>
    Faulted,

    /// <summary>The relay cancelled the pump.</summary>
    Cancelled,
}
