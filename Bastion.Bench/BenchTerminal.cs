using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>
/// The tests' <see cref="TerminalClient"/> set up for measuring: it keeps only a tail of the output (a flood is
/// hundreds of MB), waits minutes rather than seconds for a marker, and aborts on dispose (hundreds of sessions).
/// </summary>
internal static class BenchTerminal
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MarkerTimeout = TimeSpan.FromSeconds(300);

    /// <param name="ackRate">Units acknowledged per second: 0 = at once, negative = never.</param>
    /// <param name="read">False: never read the socket at all.</param>
    public static Task<TerminalClient> ConnectAsync(Uri uri, double ackRate = 0, bool read = true) =>
        TerminalClient.ConnectAsync(uri, new TerminalClientOptions
        {
            AckRate = ackRate,
            Read = read,
            KeepOutputChars = 4096,
            ConnectTimeout = ConnectTimeout,
            MarkerTimeout = MarkerTimeout,
            CloseOnDispose = false,
        });
}
