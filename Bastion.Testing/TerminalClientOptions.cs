namespace Bastion.Testing;

/// <summary>How a <see cref="TerminalClient"/> reads and acknowledges; the defaults are what a test wants.</summary>
public sealed record TerminalClientOptions
{
    /// <summary>Sent as <c>Authorization: Bearer …</c> on the upgrade request.</summary>
    public string? Bearer { get; init; }

    /// <summary>Sent as the <c>Origin</c> header on the upgrade request.</summary>
    public string? Origin { get; init; }

    /// <summary>Units acknowledged per second: 0 = every message at once (as a browser), positive = at that rate,
    /// negative = never.</summary>
    public double AckRate { get; init; }

    /// <summary>False: never read the socket at all (a client that stalls below the WebSocket).</summary>
    public bool Read { get; init; } = true;

    /// <summary>How much output <see cref="TerminalClient.Output"/> keeps: null = all of it (tests assert on it);
    /// a number = only that many trailing characters (a benchmark flooding hundreds of MB).</summary>
    public int? KeepOutputChars { get; init; }

    /// <summary>Bound on the WebSocket connect.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TestTimeouts.Default;

    /// <summary>Default bound of <see cref="TerminalClient.WaitForMarkerAsync"/>.</summary>
    public TimeSpan MarkerTimeout { get; init; } = TestTimeouts.Default;

    /// <summary>True: dispose sends a close frame first; false: dispose aborts the socket (many sessions at once).</summary>
    public bool CloseOnDispose { get; init; } = true;
}
