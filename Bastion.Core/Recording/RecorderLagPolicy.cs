namespace Bastion.Core.Recording;

/// <summary>The policy when a session's recording writer cannot keep up (issue #4: chosen, named and tested).</summary>
public enum RecorderLagPolicy
{
    /// <summary>End the session with <c>recorder_failed</c>: nothing the user saw goes unrecorded (the default).</summary>
    EndSession,

    /// <summary>Keep the session, drop the text that does not fit and write a marker with how much was lost.</summary>
    DropAndMark,
}
