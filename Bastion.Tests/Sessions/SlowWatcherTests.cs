using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Bastion.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bastion.Tests.Sessions;

/// <summary>
/// A watcher that never reads never slows the owner (issue 9). No assertion is on time: the watcher's sends may wait
/// an hour here (<c>Terminal:ClientSendTimeout</c>), so an owner whose output waited for the watcher at all would not
/// finish its flood within the test's wait, and the test fails; an owner that does not wait finishes it while the
/// watcher has read nothing. The throughput alone and beside the stalled watcher is measured and written to the test
/// output, not asserted (the machine is shared and timing is noise). Real sshd, real Kestrel, real WebSockets.
/// </summary>
public sealed class SlowWatcherTests(SshdFixture sshd, ITestOutputHelper output) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    /// <summary>About 12 MB of output: far more than socket buffers and the watcher's queue bound hold.</summary>
    private const string Flood = "seq 1 1500000";

    private BastionServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Terminal:ClientSendTimeout"] = "01:00:00" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task WatcherThatNeverReads_DoesNotHoldTheOwnerUp_AndIsResynchronisedWhenItReads()
    {
        var token = await _server.LoginAsync();
        var hostId = await _server.AddHostAsync(token, sshd.Server);
        await using var owner = await _server.OpenTerminalAsync(token, hostId);
        await owner.SendInputAsync("echo up-$((2*21))\r");
        await owner.WaitForOutputAsync("up-42");

        // 1. The flood alone, for comparison.
        var alone = await FloodAsync(owner, 1);

        // 2. The same flood with a watcher connected that reads nothing at all.
        var (status, json) = await _server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { sessionId = owner.SessionId, mode = "watch" });
        Assert.Equal(200, status);
        using var stalled = new ClientWebSocket();
        using (var connect = TestTimeouts.CreateTokenSource())
        {
            var ticket = Uri.EscapeDataString(json.GetProperty("ticket").GetString()!);
            await stalled.ConnectAsync(_server.WebSocketUri($"/ws/sessions/{owner.SessionId}?mode=watch&ticket={ticket}"), connect.Token);
        }

        var watched = await FloodAsync(owner, 2);
        output.WriteLine($"owner throughput: alone {alone:F1} MB/s, beside a watcher that reads nothing {watched:F1} MB/s ({watched / alone:P0})");

        // 3. Only now does the watcher read: it is still attached, and what it gets holds the resync and a fresh screen.
        Assert.Equal(WebSocketState.Open, stalled.State);
        var buffer = new byte[1 << 20];
        using var reading = TestTimeouts.CreateTokenSource();
        var sawResync = false;
        while (!sawResync)
        {
            var result = await stalled.ReceiveAsync(buffer.AsMemory(), reading.Token);
            var length = result.Count;
            while (!result.EndOfMessage)
            {
                result = await stalled.ReceiveAsync(buffer.AsMemory(length), reading.Token);
                length += result.Count;
            }

            sawResync = Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 64)).Contains("\"resync\"", StringComparison.Ordinal);
        }

        Assert.False(owner.Closed);
    }

    /// <summary>Runs the flood in the owner's shell and returns its throughput in MB/s (measured, never asserted).</summary>
    private static async Task<double> FloodAsync(TerminalClient owner, int round)
    {
        var before = owner.Output.Length;
        var clock = Stopwatch.StartNew();
        await owner.SendInputAsync($"{Flood}; echo flood-$(({round - 1}+1))-done\r");
        await owner.WaitForOutputAsync($"flood-{round}-done", TimeSpan.FromSeconds(120));
        return (owner.Output.Length - before) / 1e6 / clock.Elapsed.TotalSeconds;
    }
}
