namespace Bastion.Core.Recording;

/// <summary>The policy when a session's recording writer cannot keep up (issue #4: chosen, named and tested).</summary>
public enum RecorderLagPolicy
{
    /// <summary>Hold output until the writer catches up (the default): nothing is lost and the session goes on; a
    /// flood is slowed to the recorder's pace (about 15–27 M characters/s here, more than a browser renders).</summary>
    Wait,

    /// <summary>End the session with <c>recorder_failed</c>: nothing the user saw goes unrecorded.</summary>
    EndSession,

    /// <summary>Keep the session, drop the text that does not fit and write a marker with how much was lost.</summary>
    DropAndMark,
}
