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

    /// <summary>Issue 12: the input pump reads into 4 KiB and grows only for a longer message; a paste of 60 KiB in one
    /// message (sent in several frames) still reaches the shell whole, and the next keystroke after it too.</summary>
    [Fact]
    public async Task LongPaste_InOneMessageOfSeveralFrames_ReachesTheShellWhole()
    {
        var (server, client) = await WebSocketPair.CreateAsync();
        var shell = new FakeShellChannel();
        var relay = RunAsync(server, shell);
        var reading = WebSocketPair.ReadAllAsync(client);

        var paste = string.Concat(Enumerable.Range(0, 9000).Select(i => $"{i % 10}é-xyzw"))[..54500]; // about 62 KB of UTF-8
        var message = Encoding.UTF8.GetBytes($"{{\"flag\":\"input\",\"data\":\"{paste}\"}}");
        Assert.InRange(message.Length, 60 * 1024, TerminalLimits.MaxClientMessageBytes);
        for (var offset = 0; offset < message.Length; offset += 5000)
        {
            var frame = message.AsMemory(offset, Math.Min(5000, message.Length - offset));
            await client.SendAsync(frame, WebSocketMessageType.Text, offset + frame.Length == message.Length, CancellationToken.None).AsTask().WithTimeout();
        }

        await client.SendAsync("{\"flag\":\"input\",\"data\":\"!\"}"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None).WithTimeout();
        await WaitUntilAsync(() => shell.Input.Length >= paste.Length + 1);
        Assert.Equal(paste + "!", shell.Input);

        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WithTimeout();
        Assert.Equal(RelayOutcome.ClientClosed, (await relay.WithTimeout()).Outcome);
        await reading.WithTimeout();
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
