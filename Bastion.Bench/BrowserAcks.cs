using System.Diagnostics;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>
/// The echo bench's flow-control acknowledgements, as the browser sends them (client/src/flow.ts, <c>FlowAcker</c>):
/// at once when <see cref="ThresholdUnits"/> rendered units wait, else <see cref="Delay"/> after the first
/// unacknowledged one. A typist's echo is acknowledged some 20 ms later, between keystrokes, not inside each one; the
/// bench until session 6 acknowledged every echo as it arrived, which put a second message (and the server's wake-ups
/// for it) into every measured keystroke (docs/PERFORMANCE.md, "the keystroke tail, session 6"). The timer is checked
/// before each keystroke, so an ack that is due goes out there, untimed, and <see cref="AfterAck"/> passes before the
/// next keystroke is timed, so the server has handled it, as it would have for a typist.
/// </summary>
internal sealed class BrowserAcks
{
    /// <summary>client/src/flow.ts <c>defaultAckThreshold</c>.</summary>
    public const int ThresholdUnits = 16384;

    /// <summary>client/src/flow.ts <c>defaultAckDelayMs</c>.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(20);

    /// <summary>The pause after an ack before the next keystroke is timed (the server handles the ack in tens of µs).</summary>
    public static readonly TimeSpan AfterAck = TimeSpan.FromMilliseconds(2);

    private readonly TerminalClient _terminal;
    private long _firstUnacked;

    /// <summary>Takes over the terminal's acknowledgements (it stops acknowledging on its own) until <see cref="EndAsync"/>.</summary>
    public BrowserAcks(TerminalClient terminal)
    {
        _terminal = terminal;
        _terminal.AckRate = -1;
    }

    public int Sent { get; private set; }

    public async Task BeforeKeystrokeAsync()
    {
        var pending = _terminal.UnitsReceived - _terminal.UnitsAcked;
        if (pending <= 0)
        {
            _firstUnacked = 0;
            return;
        }

        if (_firstUnacked == 0)
        {
            _firstUnacked = Stopwatch.GetTimestamp();
        }

        if (pending >= ThresholdUnits || Stopwatch.GetElapsedTime(_firstUnacked) >= Delay)
        {
            await _terminal.AckAllAsync();
            _firstUnacked = 0;
            Sent++;
            // A typist's next key comes long after the ack; the bench's comes at once. Without a pause the server would
            // still be handling the ack when the next keystroke's clock starts, and the 2-9 % of keystrokes that follow
            // an ack would fill the p99 with the ack's work.
            await Task.Delay(AfterAck);
        }
    }

    /// <summary>Acknowledges the rest and gives the terminal its own acknowledgements back.</summary>
    public async Task EndAsync()
    {
        await _terminal.AckAllAsync();
        _terminal.AckRate = 0;
    }
}
