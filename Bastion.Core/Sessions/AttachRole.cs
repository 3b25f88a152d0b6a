namespace Bastion.Core.Sessions;

/// <summary>How a socket joins a running session, decided for the ticket and again for the attach.</summary>
internal enum AttachRole
{
    /// <summary>The session's owner, in control (a second control socket takes over the first).</summary>
    Owner,

    /// <summary>Read-only: an admin or auditor watching any session, or a user the owner invited to watch.</summary>
    Watcher,

    /// <summary>A user the owner invited to type: their keystrokes reach the shell beside the owner's; they never take
    /// the session's size or the owner's socket.</summary>
    Helper,
}
