using System.Net.WebSockets;
using System.Text;
using Bastion.Core.Terminal;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Terminal;

/// <summary>The relay between a real loopback WebSocket and a hand-written shell and tap: each way a session ends
/// reaches the browser as the protocol says.</summary>
public sealed class RelayWithFakesTests
{
    private static readonly TerminalOptions Options = new() { CloseTimeout = TimeSpan.FromSeconds(2) };

    private static Task<RelayResult> RunAsync(WebSocket server, FakeShellChannel shell, ISessionTap? tap = null, Func<SessionEnding?>? endedBecause = null, CancellationToken cancellationToken = default) =>
        TerminalRelay.RunAsync(server, shell, Options, Encoding.UTF8, false, tap, cancellationToken, endedBecause);

    [Fact]
    public async Task ShellExits_OutputArrives_ThenANormalClose()
    {
        var (server, client) = await WebSocketPair.CreateAsync();
        var shell = new FakeShellChannel { ExitStatus = 3 };
        var relay = RunAsync(server, shell);
        var reading = WebSocketPair.ReadAllAsync(client);

        await shell.EmitAsync("bye\r\n");
        await shell.CloseAsync();

        var result = await relay.WithTimeout();
        var (messages, status) = await reading.WithTimeout();
        Assert.Equal(RelayOutcome.HostClosed, result.Outcome);
        Assert.Equal(3, result.ExitStatus);
        Assert.Contains(messages, m => m.Contains("bye", StringComparison.Ordinal));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.True(shell.Disposed);
    }

    [Fact]
    public async Task ConnectionFails_TheBrowserIsToldWhy()
    {
        var (server, client) = await WebSocketPair.CreateAsync();
        var shell = new FakeShellChannel();
        var relay = RunAsync(server, shell);
        var reading = WebSocketPair.ReadAllAsync(client);

        await shell.CloseAsync("link down");

        var result = await relay.WithTimeout();
        var (messages, status) = await reading.WithTimeout();
        Assert.Equal(RelayOutcome.HostFailed, result.Outcome);
        Assert.Contains(messages, m => m.Contains("\"host_error\"", StringComparison.Ordinal) && m.Contains("link down", StringComparison.Ordinal));
        Assert.Equal(WebSocketCloseStatus.InternalServerError, status);
    }

    [Fact]
    public async Task TapRefusesOutput_TheSessionEndsAsRecorderFailed()
    {
        var (server, client) = await WebSocketPair.CreateAsync();
        var shell = new FakeShellChannel();
        var tap = new FakeSessionTap();
        var relay = RunAsync(server, shell, tap);
        var reading = WebSocketPair.ReadAllAsync(client);

        await shell.EmitAsync("recorded\r\n");
        await WaitUntilAsync(() => tap.Output.Contains("recorded", StringComparison.Ordinal));
        tap.Refuse = true;
        await shell.EmitAsync("not recorded\r\n");

        var result = await relay.WithTimeout();
        var (messages, _) = await reading.WithTimeout();
        Assert.Equal(RelayOutcome.RecorderFailed, result.Outcome);
        Assert.Contains(messages, m => m.Contains("\"recorder_failed\"", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("not recorded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrowserCloses_InputWentToTheShell_AndTheShellIsDisposed()
    {
        var (server, client) = await WebSocketPair.CreateAsync();
        var shell = new FakeShellChannel();
        var relay = RunAsync(server, shell);
        var reading = WebSocketPair.ReadAllAsync(client);

        await client.SendAsync("{\"flag\":\"input\",\"data\":\"ls\\r\"}"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None).WithTimeout();
        await WaitUntilAsync(() => shell.Input == "ls\r");
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WithTimeout();

        var result = await relay.WithTimeout();
        await reading.WithTimeout();
        Assert.Equal(RelayOutcome.ClientClosed, result.Outcome);
        Assert.True(shell.Disposed);
    }

    [Fact]
    public async Task EndedFromOutside_TheBrowserGetsTheCallersReason()
    {
        var (server, client) = await WebSocketPair.CreateAsync();
        var shell = new FakeShellChannel();
        using var stop = new CancellationTokenSource();
        var ending = SessionEnding.Outside("some_reason", "ended for a reason", WebSocketCloseStatus.PolicyViolation, "a reason", "some_reason");
        var relay = RunAsync(server, shell, endedBecause: () => ending, cancellationToken: stop.Token);
        var reading = WebSocketPair.ReadAllAsync(client);

        await stop.CancelAsync();

        var result = await relay.WithTimeout();
        var (messages, status) = await reading.WithTimeout();
        Assert.Equal(RelayOutcome.Cancelled, result.Outcome);
        Assert.Equal("a reason", result.Detail);
        Assert.Contains(messages, m => m.Contains("\"some_reason\"", StringComparison.Ordinal));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
