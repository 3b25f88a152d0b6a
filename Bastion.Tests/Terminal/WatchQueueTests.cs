using System.Text;
using Bastion.Core.Terminal;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Terminal;

/// <summary>A watcher's own queue (issue 9): bounded at <see cref="WatchAttachment.QueueLimitChars"/>, and at the bound
/// the policy is resync: what was queued goes, and resync, the latest size and participant list and the current screen
/// take its place. The queue is filled with no writer running (a watcher that reads nothing), then drained to a real
/// loopback WebSocket.</summary>
public sealed class WatchQueueTests
{
    private const string Screen = "\u001b[?2026hSCREEN-NOW";

    private static readonly Func<string> Snapshot = () => Screen;

    /// <summary>What the queue may hold at most: the bound, plus one resync with its state and the screen.</summary>
    private static int Ceiling(params byte[][] state) =>
        WatchAttachment.QueueLimitChars + TerminalProtocol.Resync().Length + state.Sum(m => m.Length) + Screen.Length;

    [Fact]
    public async Task OutputFlood_ForAWatcherThatReadsNothing_StaysWithinTheBound_AndResyncsWithTheLatestState()
    {
        var (server, client) = await WebSocketPair.CreateAsync();
        using var watcher = new WatchAttachment(server, "bob", new TerminalOptions());
        var size = TerminalProtocol.Size(120, 40);
        var participants = TerminalProtocol.Participants([("ann", "control"), ("bob", "watch")]);
        watcher.EnqueueMessage(TerminalProtocol.Ready("s1", attach: true, recorded: true, recordInput: false), Snapshot);
        watcher.EnqueueSize(TerminalProtocol.Size(80, 24), Snapshot);
        watcher.EnqueueSize(size, Snapshot);
        watcher.EnqueueParticipants(participants, Snapshot);

        // 12 times the bound, in the pump's largest runs.
        var run = new string('x', 32 * 1024);
        for (var i = 0; i < 12 * WatchAttachment.QueueLimitChars / run.Length; i++)
        {
            watcher.EnqueueOutput(run, Snapshot);
        }

        Assert.True(watcher.Resyncs > 0, "the queue never overflowed");
        Assert.InRange(watcher.PeakQueuedChars, 0, Ceiling(size, participants));
        var messages = await DrainAsync(watcher, client);
        var resync = messages.FindLastIndex(m => m.Contains("\"resync\"", StringComparison.Ordinal));
        Assert.True(resync >= 0, "no resync was sent");
        Assert.Equal(Encoding.UTF8.GetString(size), messages[resync + 1]);
        Assert.Equal(Encoding.UTF8.GetString(participants), messages[resync + 2]);
        Assert.Contains("SCREEN-NOW", messages[resync + 3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProtocolMessages_CountAgainstTheBoundToo()
    {
        var (server, client) = await WebSocketPair.CreateAsync();
        using var watcher = new WatchAttachment(server, "bob", new TerminalOptions());
        byte[] last = [];

        // People come and go while the watcher reads nothing: each list is queued, and none is output.
        for (var i = 0; i < 20_000; i++)
        {
            last = TerminalProtocol.Participants([("ann", "control"), ("bob", "watch"), ($"guest-{i}", "watch")]);
            watcher.EnqueueParticipants(last, Snapshot);
        }

        Assert.True(watcher.Resyncs > 0, "protocol messages grew the queue past the bound");
        Assert.InRange(watcher.PeakQueuedChars, 0, Ceiling(last));
        var messages = await DrainAsync(watcher, client);
        Assert.Equal(Encoding.UTF8.GetString(last), messages.Last(m => m.Contains("\"participants\"", StringComparison.Ordinal)));
    }

    /// <summary>Runs the writer until everything queued so far (and a marker after it) has reached the client.</summary>
    private static async Task<List<string>> DrainAsync(WatchAttachment watcher, System.Net.WebSockets.WebSocket client)
    {
        watcher.EnqueueOutput("END-OF-QUEUE", Snapshot); // queued last: when it arrives, the rest has
        using var stop = new CancellationTokenSource();
        var writer = watcher.RunWriterAsync(stop.Token);
        var messages = new List<string>();
        var buffer = new byte[1 << 20];
        while (messages.Count == 0 || !messages[^1].Contains("END-OF-QUEUE", StringComparison.Ordinal))
        {
            var length = 0;
            System.Net.WebSockets.ValueWebSocketReceiveResult result;
            do
            {
                result = await client.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).AsTask().WithTimeout();
                length += result.Count;
            }
            while (!result.EndOfMessage);

            messages.Add(Encoding.UTF8.GetString(buffer, 0, length));
        }

        await stop.CancelAsync();
        await writer.WithTimeout();
        return messages;
    }
}
