namespace Bastion.Core.Terminal;

/// <summary>
/// Observes a session's traffic for the recorder and the command log. Called on the pump that saw the traffic, so
/// an implementation copies what it needs and returns at once; it must never block the terminal.
/// </summary>
internal interface ISessionTap
{
    /// <summary>Decoded output exactly as the browser receives it. Returning false ends the session (the policy when
    /// a recorder cannot keep up: stop rather than lose audit data).</summary>
    bool OnOutput(ReadOnlySpan<char> text);

    /// <summary>Completes when the tap can take more output. The output pump awaits it after each message, so a tap
    /// that is behind can slow output rather than end the session or lose data. Usually completes at once.</summary>
    ValueTask WaitForRoomAsync(CancellationToken cancellationToken);

    /// <summary>Input as typed (before encoding for the host).</summary>
    void OnInput(ReadOnlySpan<char> text);

    void OnResize(int cols, int rows);
}
