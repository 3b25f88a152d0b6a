namespace Bastion.Core.Terminal;

/// <summary>How one browser socket's attachment to a session ended.</summary>
internal enum AttachmentEnd
{
    /// <summary>The session ended (for whatever reason) while this socket was attached.</summary>
    SessionEnded,

    /// <summary>The socket went away and the session goes on, waiting for an attach.</summary>
    Detached,

    /// <summary>Another controlling socket attached; this one was told <c>taken_over</c>.</summary>
    TakenOver,
}
