using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Bastion.Core.Audit;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Sessions;

/// <summary>Sessions outlive their socket (issue 9): a dropped socket detaches, an attach within
/// <c>Terminal:DetachedGrace</c> gets the same shell with its screen, and after the grace the session ends as
/// <c>detached_timeout</c>. Real sshd, real Kestrel, real WebSocket clients.</summary>
public sealed partial class AttachDetachTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionServer? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<(BastionServer Server, string Token, string HostId)> StartAsync(string grace)
    {
        _server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Terminal:DetachedGrace"] = grace });
        var token = await _server.LoginAsync();
        return (_server, token, await _server.AddHostAsync(token, sshd.Server));
    }

    private static async Task<string> ShellPidAsync(TerminalClient terminal)
    {
        await terminal.SendInputAsync("echo pid-$$\r");
        await terminal.WaitForAsync(t => PidPattern().IsMatch(t.Output), "the shell's pid");
        return PidPattern().Match(terminal.Output).Groups[1].Value;
    }

    private static async Task<TerminalClient> AttachAsync(BastionServer server, string token, string sessionId)
    {
        var (status, json) = await server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { sessionId, mode = "control" });
        Assert.True(status == 200, $"session ticket → {status}: {json}");
        var ticket = json.GetProperty("ticket").GetString()!;
        return await TerminalClient.ConnectAsync(server.WebSocketUri($"/ws/sessions/{sessionId}?mode=control&flow=1&ticket={Uri.EscapeDataString(ticket)}"));
    }

    private static async Task WaitUntilDetachedAsync(BastionServer server, string token, string sessionId)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while (true)
        {
            var (_, json) = await server.SendAsync(HttpMethod.Get, "/api/sessions?active=true", token);
            var row = json.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("id").GetString() == sessionId);
            if (row.GetProperty("detached").ValueKind == System.Text.Json.JsonValueKind.True)
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task AbortedSocket_ReattachWithinTheGrace_SameShell_OutputAndTypeaheadArrive()
    {
        var (server, token, hostId) = await StartAsync("00:01:00");
        var first = await server.OpenTerminalAsync(token, hostId);
        var pid = await ShellPidAsync(first);
        var sessionId = first.SessionId!;

        // The shell is busy; what is typed now waits in the PTY and must survive the drop.
        await first.SendInputAsync("sleep 4; echo done-$$\r");
        await first.SendInputAsync("echo typed-$((20+3))\r");
        first.Abort();
        await first.DisposeAsync();
        await WaitUntilDetachedAsync(server, token, sessionId);

        await using var second = await AttachAsync(server, token, sessionId);

        await second.WaitForOutputAsync($"done-{pid}", TimeSpan.FromSeconds(30));
        await second.WaitForOutputAsync("typed-23");
        Assert.Equal(sessionId, second.SessionId);
        await second.SendInputAsync("echo again-$$\r");
        await second.WaitForOutputAsync($"again-{pid}");
        Assert.False(second.Closed);
        var events = await server.EventsAsync();
        Assert.Contains(events, e => e.Type == AuditEventTypes.SessionDetached && e.SessionId == sessionId);
        var attached = Assert.Single(events, e => e.Type == AuditEventTypes.SessionAttached && e.SessionId == sessionId);
        Assert.Equal("control", attached.Data("mode"));
        Assert.DoesNotContain(events, e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId);
    }

    [Fact]
    public async Task DetachedSession_EndsAfterTheGrace_AuditedAsDetachedTimeout_ThenIsA404()
    {
        var (server, token, hostId) = await StartAsync("00:00:01");
        var mark = sshd.Server.LogLength;
        var terminal = await server.OpenTerminalAsync(token, hostId);
        await ShellPidAsync(terminal);
        var sessionId = terminal.SessionId!;

        terminal.Abort();
        await terminal.DisposeAsync();

        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        Assert.Equal("detached_timeout", ended.Data("reason"));
        await sshd.Server.WaitForConnectionsToEndAsync(mark);
        var (status, body) = await server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { sessionId, mode = "control" });
        Assert.Equal(404, status);
        Assert.Equal("host not found", body.GetProperty("error").GetString());
    }

    /// <summary>A client written before sessions outlived their socket (no flow control, ignores the new fields of
    /// <c>ready</c>, closes with 1000 when the user leaves) keeps working unchanged: its close ends the shell, grace or
    /// not, instead of leaving it running detached.</summary>
    [Fact]
    public async Task ClientOfTheEarlierProtocol_ClosingWith1000_EndsTheSession_DespiteTheGrace()
    {
        var (server, token, hostId) = await StartAsync("00:05:00");
        var mark = sshd.Server.LogLength;
        var terminal = await server.OpenTerminalAsync(token, hostId, "cols=80&rows=24", autoAck: false);
        await ShellPidAsync(terminal);
        var sessionId = terminal.SessionId!;

        await terminal.DisposeAsync(); // a close frame with 1000

        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        Assert.Equal("client_closed", ended.Data("reason"));
        await sshd.Server.WaitForConnectionsToEndAsync(mark);
        Assert.DoesNotContain(await server.EventsAsync(), e => e.Type == AuditEventTypes.SessionDetached && e.SessionId == sessionId);
    }

    [Fact]
    public async Task UnknownOrSomeoneElsesSession_IsTheSame404AsAnUnknownHost()
    {
        var (server, token, hostId) = await StartAsync("00:01:00");
        await using var terminal = await server.OpenTerminalAsync(token, hostId);
        await ShellPidAsync(terminal);
        var (_, other) = await server.CreateUserAsync(token, "bystander", ["operator"]);

        var unknownHost = await server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { hostId = Guid.NewGuid() });
        var unknown = await server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { sessionId = Guid.NewGuid().ToString("N"), mode = "control" });
        var othersTicket = await server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", other, new { sessionId = terminal.SessionId, mode = "control" });

        Assert.Equal(404, unknownHost.Status);
        Assert.Equal((404, unknownHost.Body.ToString()), (unknown.Status, unknown.Body.ToString()));
        Assert.Equal((404, unknownHost.Body.ToString()), (othersTicket.Status, othersTicket.Body.ToString()));
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + other);
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = TestTimeouts.CreateTokenSource();
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.WebSocketUri($"/ws/sessions/{terminal.SessionId}?mode=control"), timeout.Token));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, socket.HttpStatusCode);
        Assert.False(terminal.Closed);
    }

    [Fact]
    public async Task EndMessage_EndsTheSession_WithANormalClose_AuditedAsEndedByUser()
    {
        var (server, token, hostId) = await StartAsync("00:01:00");
        await using var terminal = await server.OpenTerminalAsync(token, hostId);
        await ShellPidAsync(terminal);

        await terminal.SendJsonAsync(new { flag = "end" });

        await terminal.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, terminal.CloseStatus);
        Assert.Empty(terminal.Errors);
        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == terminal.SessionId, "session.ended");
        Assert.Equal("ended_by_user", ended.Data("reason"));
    }

    [Fact]
    public async Task OwnerDeletesADetachedSession_ItEnds()
    {
        var (server, token, hostId) = await StartAsync("00:01:00");
        var terminal = await server.OpenTerminalAsync(token, hostId);
        await ShellPidAsync(terminal);
        var sessionId = terminal.SessionId!;
        terminal.Abort();
        await terminal.DisposeAsync();
        await WaitUntilDetachedAsync(server, token, sessionId);

        Assert.Equal(204, (await server.SendAsync(HttpMethod.Delete, $"/api/sessions/{sessionId}", token)).Status);

        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        Assert.Equal("ended_by_user", ended.Data("reason"));
        Assert.Equal(404, (await server.SendAsync(HttpMethod.Delete, $"/api/sessions/{sessionId}", token)).Status);
    }

    [Fact]
    public async Task SecondControlAttach_TakesOver_TheFirstIsToldAndClosed()
    {
        var (server, token, hostId) = await StartAsync("00:01:00");
        await using var first = await server.OpenTerminalAsync(token, hostId);
        var pid = await ShellPidAsync(first);

        await using var second = await AttachAsync(server, token, first.SessionId!);

        await first.WaitForCloseAsync();
        Assert.Equal("taken_over", Assert.Single(first.Errors).GetProperty("code").GetString());
        Assert.Equal((WebSocketCloseStatus)4001, first.CloseStatus);
        await second.SendInputAsync("echo again-$$\r");
        await second.WaitForOutputAsync($"again-{pid}");
    }

    [GeneratedRegex(@"pid-(\d+)")]
    private static partial Regex PidPattern();
}
