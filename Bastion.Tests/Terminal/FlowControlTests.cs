using System.Text.RegularExpressions;
using Bastion.Core.Ssh;

namespace Bastion.Tests.Terminal;

/// <summary>
/// Issue #5: floods must not be buffered without bound anywhere between the remote program and the browser, nothing
/// may be lost or reordered, and Ctrl+C must get through while output is paused. These tests check behaviour, not
/// speed; the figures live in docs/PERFORMANCE.md.
/// </summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed partial class FlowControlTests(BastionFixture bastion) : IAsyncLifetime
{
    private const int Lines = 150_000;
    private const string Pad = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwx";

    private string _hostId = null!;

    public async Task InitializeAsync() => _hostId = await bastion.AddHostAsync(useKey: true);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<TerminalClient> OpenAsync(bool flow, bool autoAck)
    {
        var client = await bastion.OpenTerminalAsync(_hostId, query: (flow ? "flow=1&" : "") + "cols=200&rows=50", autoAck: autoAck);
        await client.WaitForAsync(c => c.SessionId is not null, "ready");
        return client;
    }

    /// <summary>A generator of numbered lines that reports how far it got into a file every 1000 lines.</summary>
    private static string Generator(string progressFile) =>
        $"stty -echo; for i in $(seq 1 {Lines}); do printf '%07d-{Pad}\\n' $i; [ $((i%1000)) -eq 0 ] && echo $i > {progressFile}; done; echo GEN-$((40+2))-DONE; stty echo\r";

    private static void AssertEveryLineInOrder(string output)
    {
        var numbers = LineNumber().Matches(output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Lines, numbers.Count);
        for (var i = 0; i < numbers.Count; i++)
        {
            if (numbers[i] != i + 1)
            {
                Assert.Fail($"line {i + 1} is missing or out of order (found {numbers[i]})");
            }
        }
    }

    [GeneratedRegex(@"(\d{7})-" + Pad + "\r\n")]
    private static partial Regex LineNumber();

    [Fact]
    public void BoundedSshWindow_IsInEffect_WithThisSshNetVersion()
    {
        // If SSH.NET's internals change shape, Bastion falls back to SSH.NET's 2 GiB window; this makes that visible.
        Assert.Empty(SshNetInternals.Missing());
    }

    [Fact]
    public async Task ClientThatNeverAcks_StallsTheRemoteProgram_ThenGetsEveryLineInOrder()
    {
        var progress = $"/tmp/bastion-flow-{Guid.NewGuid():N}";
        await using var terminal = await OpenAsync(flow: true, autoAck: false);

        await terminal.SendInputAsync(Generator(progress));

        // The client stops acknowledging: output stops at the high-water mark (128 Ki units by default)...
        await terminal.WaitForAsync(c => c.UnitsReceived >= 100_000, "output up to the high-water mark");
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for an unbounded pipeline to run away (a whole run takes ~1 s)
        var received = terminal.UnitsReceived;
        var produced = File.Exists(progress) ? long.Parse(await File.ReadAllTextAsync(progress).WithTimeout(), System.Globalization.CultureInfo.InvariantCulture) : 0;
        var producedBytes = produced * (Pad.Length + 10);

        // ...and the remote program is blocked on its PTY: what it wrote beyond what the browser got is bounded by the
        // pipeline (flow window + server buffer + SSH window + PTY), nowhere near the 16.5 MB it would write unchecked.
        Assert.True(received <= 128 * 1024 + 40 * 1024, $"received {received} units without acknowledging");
        Assert.True(producedBytes - received < 2 * 1024 * 1024, $"the generator ran {producedBytes - received} bytes ahead of the browser");
        Assert.DoesNotContain("GEN-42-DONE", terminal.Output);

        terminal.AutoAck = true;
        await terminal.AckAllAsync();
        await terminal.WaitForOutputAsync("GEN-42-DONE", TimeSpan.FromSeconds(60));

        AssertEveryLineInOrder(terminal.Output);
        File.Delete(progress);
    }

    [Fact]
    public async Task ClientWithoutFlowControl_GetsEveryLineInOrder()
    {
        await using var terminal = await OpenAsync(flow: false, autoAck: false);

        await terminal.SendInputAsync(Generator("/dev/null"));

        await terminal.WaitForOutputAsync("GEN-42-DONE", TimeSpan.FromSeconds(60));
        AssertEveryLineInOrder(terminal.Output);
    }

    [Fact]
    public async Task CtrlC_DuringAFlood_WithASlowClient_ReachesTheShell_AndLittleFollowsIt()
    {
        await using var terminal = await OpenAsync(flow: true, autoAck: false);
        using var stop = new CancellationTokenSource();

        // A slow browser: acknowledges 16 Ki units every 10 ms (about 1.6 M units/s).
        var slowAcks = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var pending = terminal.UnitsReceived - terminal.UnitsAcked;
                if (pending > 0)
                {
                    await terminal.AckAsync(Math.Min(pending, 16 * 1024));
                }

                await Task.Delay(10, CancellationToken.None);
            }
        });

        await terminal.SendInputAsync("yes\r");
        await terminal.WaitForAsync(c => c.UnitsReceived > 1_000_000, "the flood to be under way", TimeSpan.FromSeconds(30));

        var atInterrupt = terminal.UnitsReceived;
        await terminal.SendInputAsync("\u0003");
        await terminal.SendInputAsync("echo AFTER-$((3+4))\r");
        await terminal.WaitForOutputAsync("AFTER-7", TimeSpan.FromSeconds(30));
        var after = terminal.Output.IndexOf("AFTER-7", StringComparison.Ordinal) - (terminal.Output.Length - (terminal.UnitsReceived - atInterrupt));

        await stop.CancelAsync();
        await slowAcks.WithTimeout();

        // What still reached the browser after Ctrl+C is bounded by the pipeline, not by how much the flood produced.
        Assert.True(after < 1024 * 1024, $"{after} units arrived between Ctrl+C and the prompt");
    }
}
