using Bastion.Tests.Infrastructure;
using Bastion.Tests.Screen;

namespace Bastion.Tests.Sessions;

/// <summary>Re-attaching restores the current screen (issue 9): vim with edited text survives a dropped socket, and
/// the re-attached browser's screen, rendered by headless xterm.js, equals the screen of a client that never left.
/// Real sshd, real Kestrel, real WebSocket clients, the real vim.</summary>
public sealed class ScreenOnAttachTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private const int Cols = 80;
    private const int Rows = 24;
    private BastionServer? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<TerminalClient> AttachAsync(string token, string sessionId, string mode)
    {
        var (status, json) = await _server!.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { sessionId, mode });
        Assert.True(status == 200, $"session ticket → {status}: {json}");
        var ticket = json.GetProperty("ticket").GetString()!;
        return await TerminalClient.ConnectAsync(_server.WebSocketUri(
            $"/ws/sessions/{sessionId}?mode={mode}&cols={Cols}&rows={Rows}&flow=1&ticket={Uri.EscapeDataString(ticket)}"));
    }

    [Fact]
    public async Task VimWithEditedText_DropAndReattach_ScreenEqualsTheNeverDetachedClients()
    {
        _server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Terminal:DetachedGrace"] = "00:01:00" });
        var token = await _server.LoginAsync();
        var hostId = await _server.AddHostAsync(token, sshd.Server);
        var owner = await _server.OpenTerminalAsync(token, hostId, $"cols={Cols}&rows={Rows}&flow=1");
        await owner.SendInputAsync("echo ready-$((6*7))\r");
        await owner.WaitForAsync(t => t.Output.Contains("ready-42", StringComparison.Ordinal), "the prompt");
        var sessionId = owner.SessionId!;

        // The client that never leaves: it sees the screen as it was when it joined, then every byte after.
        await using var steady = await AttachAsync(token, sessionId, "watch");
        await steady.WaitForAsync(t => t.Output.Contains("ready-42", StringComparison.Ordinal), "the watcher's first screen");

        // vim full-screen on the alternate screen, with edited, coloured text and the cursor mid-line.
        await owner.SendInputAsync("vim -N -n -i NONE -u NONE -c 'syntax on' /tmp/bastion-screen-$$.sh\r");
        await owner.WaitForAsync(t => t.Output.Contains("bastion-screen-", StringComparison.Ordinal) && t.Output.Contains("\u001b[?1049h", StringComparison.Ordinal), "vim's screen");
        await owner.SendInputAsync("i#!/bin/sh\recho \"edited before the drop\"\rfor i in 1 2 3; do echo $i; done\u001b");
        await owner.SendInputAsync("kk0w");
        await steady.WaitForAsync(t => t.Output.Contains("for", StringComparison.Ordinal) && t.Output.Contains("done", StringComparison.Ordinal), "the edit on the watcher");

        // Drop the owner's socket (no close frame) and come back as a new socket.
        owner.Abort();
        await owner.DisposeAsync();
        await using var back = await AttachAsync(token, sessionId, "control");
        await back.WaitForAsync(t => t.Output.Contains("edited before the drop", StringComparison.Ordinal), "the restored vim screen");

        // Live output continues on the restored screen: type more, on the line the cursor was left on.
        await back.SendInputAsync("iafter-\u001b");
        await back.WaitForAsync(t => t.Output.Contains("after-", StringComparison.Ordinal), "typing after the re-attach");
        await steady.WaitForAsync(t => t.Output.Contains("after-", StringComparison.Ordinal), "the watcher seeing it");
        await WaitUntilQuietAsync(back, steady);

        await HeadlessScreen.AssertSameScreenAsync(Cols, Rows, steady.Output, back.Output,
            "the re-attached client's screen must equal the screen of a client that never detached");

        // Leave vim without saving so nothing is left on the host.
        await back.SendInputAsync(":q!\r");
    }

    /// <summary>Both clients have stopped receiving (vim has finished redrawing): their output lengths hold still.</summary>
    private static async Task WaitUntilQuietAsync(TerminalClient a, TerminalClient b)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        var last = (-1, -1);
        while (true)
        {
            var now = (a.Output.Length, b.Output.Length);
            if (now == last)
            {
                return;
            }

            last = now;
            await Task.Delay(300, timeout.Token);
        }
    }
}
