namespace Bastion.Core.Terminal;

/// <summary>
/// The host side of a terminal: an SSH shell in production, hand-written fakes in relay tests.
/// Disposing it stops output (SSH.NET's reads ignore cancellation; disposal is the only way to stop them).
/// </summary>
internal interface IShellChannel : IAsyncDisposable
{
    /// <summary>Starts delivering host output into <paramref name="output"/> (blocking there when it is full) and
    /// completes it when the host closes the channel.</summary>
    void Start(OutputBuffer output);

    /// <summary>Writes keystrokes to the shell. Must not wait behind output.</summary>
    ValueTask WriteInputAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken);

    void Resize(int cols, int rows);

    /// <summary>Set when the connection to the host failed (rather than the shell exiting): a short reason.</summary>
    string? Failure { get; }

    /// <summary>Set with <see cref="Failure"/> when the host (or its gateway) stopped answering, as opposed to closing
    /// or resetting the connection: the session then ends as <c>host_unresponsive</c>.</summary>
    bool HostUnresponsive { get; }

    /// <summary>The remote command's exit status when the host reported one.</summary>
    int? ExitStatus { get; }
}
