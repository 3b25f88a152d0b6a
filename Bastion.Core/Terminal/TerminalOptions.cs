namespace Bastion.Core.Terminal;

/// <summary>Relay tuning (configuration section <c>Terminal</c>). Defaults were chosen by measurement: docs/PERFORMANCE.md.</summary>
public sealed class TerminalOptions
{
    public const string SectionName = "Terminal";

    /// <summary>Raw host output buffered on the server before SSH is stalled (the bound of <see cref="OutputBuffer"/>).</summary>
    public int ServerBufferBytes { get; set; } = 64 * 1024;

    /// <summary>The largest output message, in raw bytes before decoding.</summary>
    public int MaxBatchBytes { get; set; } = 32 * 1024;

    /// <summary>Output gathering: a large SSH packet this soon after a large read waits (at most 2 ms, or until a batch
    /// is buffered) to go out with the next ones, in one frame (<see cref="OutputBuffer"/>). Zero: every packet that
    /// finds the socket empty is handed over at once.</summary>
    public TimeSpan OutputStreamGap { get; set; } = OutputBuffer.StreamGap;

    /// <summary>Flow control: output pauses when this many units are unacknowledged by the browser...</summary>
    public int FlowHighWater { get; set; } = 128 * 1024;

    /// <summary>...and resumes when acknowledgements bring it down to this.</summary>
    public int FlowLowWater { get; set; } = 32 * 1024;

    /// <summary>The SSH channel window Bastion grants the host: the most output in flight between sshd and Bastion.
    /// SSH.NET's own default is 2 GiB, which lets sshd queue megabytes that must drain before Ctrl+C shows.</summary>
    public int SshChannelWindowBytes { get; set; } = 256 * 1024;

    /// <summary>A single output message the browser does not take within this time ends the session
    /// (<c>client_too_slow</c>): it stopped reading its socket. Paused flow control is not a slow client.</summary>
    public TimeSpan ClientSendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the other side gets to finish the WebSocket closing handshake.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a session keeps running with no browser attached, waiting for an attach (reload, network
    /// drop, navigation); then it ends as <c>detached_timeout</c>. Zero ends a session when its socket goes away.</summary>
    public TimeSpan DetachedGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A session nobody types into (detached counts as idle) for this long ends as <c>idle_timeout</c>.
    /// Zero = off. A host's <c>idleTimeoutSeconds</c> replaces it (see <c>Sessions/SessionLimits</c>).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>A session ends as <c>max_duration</c> this long after its shell opened, typing or not. Zero = off.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.Zero;

    /// <summary>Running sessions (detached ones included) one user may hold; one more is refused with
    /// <c>too_many_sessions</c>. Zero = unlimited.</summary>
    public int MaxSessionsPerUser { get; set; }

    /// <summary>How long before an idle timeout or the maximum duration the terminal is warned (at most half the limit).</summary>
    public TimeSpan LimitWarning { get; set; } = TimeSpan.FromSeconds(60);
}
