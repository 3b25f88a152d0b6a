using System.Net.WebSockets;

namespace Bastion.Tests.Sessions;

/// <summary>
/// The connect queue (issue 12) end to end: real sshd, real Kestrel, real WebSocket clients. One handshake slot per
/// host, held by a connection whose handshake a <see cref="HoldingTcpProxy"/> keeps in flight: a second open toward
/// the same host is told it is queued, then connecting, then gets a working shell; a full queue or a wait that runs
/// out is refused with its own error code and close 1013 (try again later). No assertion is on elapsed time.
/// </summary>
public sealed class ConnectQueueTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionServer? _server;
    private HoldingTcpProxy? _proxy;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task SecondOpen_WithOneHandshakeSlot_IsQueuedThenConnectingThenGetsAWorkingShell()
    {
        var (server, token, hostId) = await StartAsync(new() { ["Ssh:MaxConcurrentHandshakesPerHost"] = "1" });

        await using var first = await server.OpenTerminalAsync(token, hostId);
        await WaitForHeldHandshakeAsync(first);
        await using var second = await server.OpenTerminalAsync(token, hostId);
        await second.WaitForAsync(c => Statuses(c).Contains("queued"), "a queued status");

        _proxy!.Release();
        foreach (var terminal in new[] { first, second })
        {
            await terminal.SendInputAsync("echo up-$((40+2))\r");
            await terminal.WaitForOutputAsync("up-42");
        }

        Assert.Equal(["queued", "connecting"], Statuses(second));
        Assert.Empty(Statuses(first)); // a connect that found a free slot hears nothing new
    }

    [Theory]
    [InlineData("Ssh:ConnectQueueTimeout", "00:00:01", "connect_queue_timeout", true)]
    [InlineData("Ssh:MaxQueuedConnectsPerHost", "0", "connect_queue_full", false)]
    public async Task Open_WhenTheQueueIsFullOrItsWaitRunsOut_IsRefusedWithItsOwnCodeAndTryAgainLater(
        string setting, string value, string code, bool queuedFirst)
    {
        var (server, token, hostId) = await StartAsync(new() { ["Ssh:MaxConcurrentHandshakesPerHost"] = "1", [setting] = value });

        await using var first = await server.OpenTerminalAsync(token, hostId);
        await WaitForHeldHandshakeAsync(first);
        await using var second = await server.OpenTerminalAsync(token, hostId);
        await second.WaitForCloseAsync();

        var error = Assert.Single(second.Errors);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains("try again", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        // The values the message names, for the browser's own words (issue 14): the host, and how long it waited.
        var args = error.GetProperty("args");
        Assert.False(string.IsNullOrEmpty(args.GetProperty("host").GetString()));
        Assert.Equal(queuedFirst ? "1" : null, args.TryGetProperty("seconds", out var seconds) ? seconds.GetString() : null);
        Assert.Equal((WebSocketCloseStatus)1013, second.CloseStatus);
        Assert.Equal(queuedFirst ? ["queued"] : [], Statuses(second));
        Assert.Equal(1, _proxy!.Accepted); // the refused open never reached the host

        // The server keeps working: once the held handshake completes, the host takes new sessions again.
        _proxy.Release();
        await first.SendInputAsync("echo up-$((40+2))\r");
        await first.WaitForOutputAsync("up-42");
        await using var third = await server.OpenTerminalAsync(token, hostId);
        await third.SendInputAsync("echo up-$((40+3))\r");
        await third.WaitForOutputAsync("up-43");
    }

    [Fact]
    public async Task ABrowserThatLeavesWhileQueued_GivesItsPlaceUp_AndItsSessionEndsAsClientClosed()
    {
        var (server, token, hostId) = await StartAsync(new() { ["Ssh:MaxConcurrentHandshakesPerHost"] = "1" });

        await using var first = await server.OpenTerminalAsync(token, hostId);
        await WaitForHeldHandshakeAsync(first);
        var leaving = await server.OpenTerminalAsync(token, hostId);
        await leaving.WaitForAsync(c => Statuses(c).Contains("queued"), "a queued status");
        leaving.Abort(); // the tab is closed while it waits
        await leaving.DisposeAsync();

        // Its session ends at once (nobody can attach to it: the browser never heard its id), before any slot frees.
        var ended = await WaitForEndedSessionAsync(server, token);
        Assert.Equal("client_closed", ended.GetProperty("endReason").GetString());

        // Its place went to nobody: once the held handshake completes, the next open is the only other one to reach
        // the host.
        _proxy!.Release();
        await first.SendInputAsync("echo up-$((40+2))\r");
        await first.WaitForOutputAsync("up-42");
        await using var next = await server.OpenTerminalAsync(token, hostId);
        await next.SendInputAsync("echo up-$((40+4))\r");
        await next.WaitForOutputAsync("up-44");
        Assert.Equal(2, _proxy.Accepted);
    }

    private static async Task<System.Text.Json.JsonElement> WaitForEndedSessionAsync(BastionServer server, string token)
    {
        System.Text.Json.JsonElement ended = default;
        await Poll.UntilAsync(async () =>
        {
            var (_, json) = await server.SendAsync(HttpMethod.Get, "/api/sessions", token);
            var rows = json.GetProperty("sessions").EnumerateArray().Where(s => s.GetProperty("endReason").ValueKind == System.Text.Json.JsonValueKind.String).ToList();
            if (rows.Count == 0)
            {
                return false;
            }

            ended = Assert.Single(rows);
            return true;
        }, "the queued session to end");
        return ended;
    }

    private async Task<(BastionServer Server, string Token, string HostId)> StartAsync(Dictionary<string, string> settings)
    {
        settings["Terminal:DetachedGrace"] = "00:00:00";
        _server = await BastionServer.StartAsync(settings);
        var token = await _server.LoginAsync();
        _proxy = new HoldingTcpProxy(sshd.Server.Port);
        var hostId = await _server.CreateHostAsync(token, HostSpec.For(sshd.Server) with { Address = "127.0.0.1", Port = _proxy.Port });
        return (_server, token, hostId);
    }

    /// <summary>The first open's handshake has reached the proxy, so it holds the host's one slot.</summary>
    private async Task WaitForHeldHandshakeAsync(TerminalClient first)
    {
        await PollAsync().WithTimeout();
        Assert.False(first.Closed);

        async Task PollAsync()
        {
            while (_proxy!.Accepted < 1)
            {
                await Task.Delay(20);
            }
        }
    }

    private static List<string> Statuses(TerminalClient terminal) =>
    [
        .. terminal.Others
            .Where(m => m.TryGetProperty("flag", out var f) && f.GetString() == "status")
            .Select(m => m.GetProperty("status").GetString()!),
    ];
}
