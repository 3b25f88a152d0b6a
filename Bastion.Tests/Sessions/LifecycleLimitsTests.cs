using System.Net.WebSockets;
using Bastion.Core.Audit;

namespace Bastion.Tests.Sessions;

/// <summary>Lifecycle limits (issue 9): an idle timeout and a maximum duration that warn, then end the session with
/// their own error code, close code and audit reason; a per-user cap that refuses one session too many; and host
/// overrides that win over the global settings. Real sshd, real Kestrel, real WebSocket clients; the limits are
/// seconds long here and no assertion is on elapsed time.</summary>
public sealed class LifecycleLimitsTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
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

    private async Task<(BastionServer Server, string Token)> StartAsync(Dictionary<string, string> settings)
    {
        _server = await BastionServer.StartAsync(settings);
        return (_server, await _server.LoginAsync());
    }

    /// <summary>A host on the test sshd with these extra API fields (the limit overrides).</summary>
    private async Task<string> AddHostAsync(BastionServer server, string token, Dictionary<string, object?>? overrides = null)
    {
        var body = HostSpec.For(sshd.Server).ToBody();
        foreach (var (key, value) in overrides ?? [])
        {
            body[key] = value;
        }

        return await server.CreateHostAsync(token, body);
    }

    private static async Task<TerminalClient> OpenShellAsync(BastionServer server, string token, string hostId)
    {
        var terminal = await server.OpenTerminalAsync(token, hostId);
        await terminal.SendInputAsync("echo up-$((40+2))\r");
        await terminal.WaitForOutputAsync("up-42");
        return terminal;
    }

    private static string Code(System.Text.Json.JsonElement message) => message.GetProperty("code").GetString()!;

    private static async Task AssertEndedAsync(BastionServer server, TerminalClient terminal, string code)
    {
        await terminal.WaitForCloseAsync();
        Assert.Equal(code, Code(Assert.Single(terminal.Errors)));
        Assert.Equal(code == "idle_timeout" ? (WebSocketCloseStatus)4002 : (WebSocketCloseStatus)4003, terminal.CloseStatus);
        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == terminal.SessionId, "session.ended");
        Assert.Equal(code, ended.Data("reason"));
    }

    [Fact]
    public async Task IdleSession_IsWarnedFirst_ThenEndsAsIdleTimeout_AndTheWarningIsNotRecorded()
    {
        var (server, token) = await StartAsync(new() { ["Terminal:IdleTimeout"] = "00:00:04", ["Terminal:LimitWarning"] = "00:00:02" });
        var hostId = await AddHostAsync(server, token);
        await using var terminal = await OpenShellAsync(server, token, hostId);

        await terminal.WaitForWarningAsync("idle_timeout_soon");
        Assert.False(terminal.Closed);
        var warning = Assert.Single(terminal.Warnings);
        Assert.InRange(warning.GetProperty("seconds").GetInt32(), 1, 2);
        // The line follows the warning message in its own frame: wait for it rather than race it.
        await terminal.WaitForOutputAsync("[bastion]");

        await AssertEndedAsync(server, terminal, "idle_timeout");
        var recording = await File.ReadAllTextAsync(server.RecordingPath(await server.SessionAsync(terminal.SessionId!))).WithTimeout();
        Assert.Contains("up-42", recording, StringComparison.Ordinal);
        Assert.DoesNotContain("[bastion]", recording, StringComparison.Ordinal);
    }

    /// <summary>A client that shows notices itself (<c>{"flag":"notices"}</c>, Bastion's page) gets the coded warning
    /// and no <c>[bastion]</c> line in its terminal's output (issue 14); the warning is still the frame's.</summary>
    [Fact]
    public async Task AClientThatShowsNoticesItself_GetsTheWarningFrame_AndNoLineInItsTerminal()
    {
        var (server, token) = await StartAsync(new() { ["Terminal:IdleTimeout"] = "00:00:06", ["Terminal:LimitWarning"] = "00:00:03" });
        var hostId = await AddHostAsync(server, token);
        await using var terminal = await server.OpenTerminalAsync(token, hostId);
        await terminal.SendJsonAsync(new { flag = "notices" });
        await terminal.SendInputAsync("echo up-$((40+2))\r");
        await terminal.WaitForOutputAsync("up-42");

        await terminal.WaitForWarningAsync("idle_timeout_soon");
        var warning = Assert.Single(terminal.Warnings);
        Assert.InRange(warning.GetProperty("seconds").GetInt32(), 1, 3);
        Assert.False(string.IsNullOrEmpty(warning.GetProperty("message").GetString()));

        // The line went right after the frame, inside the same gate; output that follows comes after where it was.
        await terminal.SendInputAsync("echo after-$((40+3))\r");
        await terminal.WaitForOutputAsync("after-43");
        Assert.DoesNotContain("[bastion]", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typing_PostponesTheIdleTimeout_WhichWarnsAgain_ThenEnds()
    {
        var (server, token) = await StartAsync(new() { ["Terminal:IdleTimeout"] = "00:00:06", ["Terminal:LimitWarning"] = "00:00:03" });
        var hostId = await AddHostAsync(server, token);
        await using var terminal = await OpenShellAsync(server, token, hostId);
        await terminal.WaitForWarningAsync("idle_timeout_soon");

        // Within the warning's time left: without the reset the session would end before a second warning.
        await terminal.SendInputAsync("echo still-$((1+1))\r");
        await terminal.WaitForOutputAsync("still-2");

        await terminal.WaitForAsync(t => t.Warnings.Count == 2 || t.Closed, "a second warning");
        Assert.Equal(2, terminal.Warnings.Count);
        Assert.False(terminal.Closed);
        await AssertEndedAsync(server, terminal, "idle_timeout");
    }

    [Fact]
    public async Task Watcher_IsWarnedToo_AndToldWhyTheSessionEnded()
    {
        var (server, token) = await StartAsync(new() { ["Terminal:IdleTimeout"] = "00:00:06", ["Terminal:LimitWarning"] = "00:00:03" });
        var hostId = await AddHostAsync(server, token);
        await using var owner = await OpenShellAsync(server, token, hostId);
        var (status, json) = await server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { sessionId = owner.SessionId, mode = "watch" });
        Assert.Equal(200, status);
        var ticket = json.GetProperty("ticket").GetString()!;
        await using var watcher = await TerminalClient.ConnectAsync(
            server.WebSocketUri($"/ws/sessions/{owner.SessionId}?mode=watch&ticket={Uri.EscapeDataString(ticket)}"));

        await watcher.WaitForWarningAsync("idle_timeout_soon");
        await owner.WaitForWarningAsync("idle_timeout_soon");

        await watcher.WaitForCloseAsync();
        Assert.Equal("idle_timeout", Code(Assert.Single(watcher.Errors)));
        await AssertEndedAsync(server, owner, "idle_timeout");
    }

    [Fact]
    public async Task DetachedSession_CountsAsIdle_AndEndsAsIdleTimeout()
    {
        var (server, token) = await StartAsync(new()
        {
            ["Terminal:IdleTimeout"] = "00:00:03",
            ["Terminal:LimitWarning"] = "00:00:01",
            ["Terminal:DetachedGrace"] = "00:05:00",
        });
        var hostId = await AddHostAsync(server, token);
        var terminal = await OpenShellAsync(server, token, hostId);
        var sessionId = terminal.SessionId;
        terminal.Abort();
        await terminal.DisposeAsync();

        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        Assert.Equal("idle_timeout", ended.Data("reason"));
    }

    [Fact]
    public async Task MaxDuration_WarnsFirst_ThenEndsAsMaxDuration_EvenWhileTyping()
    {
        var (server, token) = await StartAsync(new() { ["Terminal:MaxDuration"] = "00:00:05", ["Terminal:LimitWarning"] = "00:00:02" });
        var hostId = await AddHostAsync(server, token);
        await using var terminal = await OpenShellAsync(server, token, hostId);

        await terminal.WaitForWarningAsync("max_duration_soon");
        Assert.False(terminal.Closed);
        await terminal.SendInputAsync("echo typing-$((2+3))\r");

        await AssertEndedAsync(server, terminal, "max_duration");
        Assert.Equal("max_duration_soon", Code(Assert.Single(terminal.Warnings)));
    }

    [Fact]
    public async Task PerUserCap_RefusesOneMore_DetachedIncluded_AndAllowsItAgainAfterOneEnds()
    {
        var (server, token) = await StartAsync(new() { ["Terminal:MaxSessionsPerUser"] = "2", ["Terminal:DetachedGrace"] = "00:05:00" });
        var hostId = await AddHostAsync(server, token);
        await using var first = await OpenShellAsync(server, token, hostId);
        var second = await OpenShellAsync(server, token, hostId);
        var detachedId = second.SessionId!;
        second.Abort(); // detached: still running, still counted
        await second.DisposeAsync();

        await using (var refused = await server.OpenTerminalAsync(token, hostId))
        {
            await refused.WaitForCloseAsync();
            var error = Assert.Single(refused.Errors);
            Assert.Equal("too_many_sessions", Code(error));
            Assert.Contains("limit is 2", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            // The values the message names, for the browser's own words (issue 14).
            Assert.Equal("2", error.GetProperty("args").GetProperty("limit").GetString());
            Assert.Equal("2", error.GetProperty("args").GetProperty("running").GetString());
            Assert.Equal((WebSocketCloseStatus)4004, refused.CloseStatus);
            Assert.False(refused.Ready);
        }

        var denied = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionDenied && e.Data("why") == "too_many_sessions", "session.denied");
        Assert.Equal("admin", denied.Actor);
        Assert.Equal(2, (await server.EventsAsync()).Count(e => e.Type == AuditEventTypes.SessionStarted));

        Assert.Equal(204, (await server.SendAsync(HttpMethod.Delete, $"/api/sessions/{detachedId}", token)).Status);
        await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == detachedId, "session.ended");
        await using var third = await OpenShellAsync(server, token, hostId);
        Assert.False(third.Closed);
    }

    [Fact]
    public async Task HostOverride_WinsOverTheGlobalCap_BothWays()
    {
        var (server, token) = await StartAsync(new() { ["Terminal:MaxSessionsPerUser"] = "1" });
        var plain = await AddHostAsync(server, token);
        var roomy = await AddHostAsync(server, token, new() { ["maxSessionsPerUser"] = 3 });
        await using var one = await OpenShellAsync(server, token, plain);

        await using (var refused = await server.OpenTerminalAsync(token, plain))
        {
            await refused.WaitForCloseAsync();
            Assert.Equal("too_many_sessions", Code(Assert.Single(refused.Errors)));
        }

        await using var two = await OpenShellAsync(server, token, roomy);
        await using var three = await OpenShellAsync(server, token, roomy);
        Assert.False(one.Closed || two.Closed || three.Closed);
    }

    [Fact]
    public async Task HostIdleOverride_WinsOverTheGlobalSetting()
    {
        var (server, token) = await StartAsync(new() { ["Terminal:IdleTimeout"] = "01:00:00", ["Terminal:LimitWarning"] = "00:00:01" });
        var hostId = await AddHostAsync(server, token, new() { ["idleTimeoutSeconds"] = 3 });
        await using var terminal = await OpenShellAsync(server, token, hostId);

        await terminal.WaitForWarningAsync("idle_timeout_soon");
        await AssertEndedAsync(server, terminal, "idle_timeout");
    }

    [Fact]
    public async Task HostApi_KeepsTheOverrides_NullMeansGlobal_AndRefusesNegativeOnes()
    {
        var (server, token) = await StartAsync([]);
        var hostId = await AddHostAsync(server, token, new() { ["idleTimeoutSeconds"] = 900, ["maxDurationSeconds"] = 0, ["maxSessionsPerUser"] = 4 });

        var (_, host) = await server.SendAsync(HttpMethod.Get, $"/api/hosts/{hostId}", token);
        Assert.Equal(900, host.GetProperty("idleTimeoutSeconds").GetInt32());
        Assert.Equal(0, host.GetProperty("maxDurationSeconds").GetInt32());
        Assert.Equal(4, host.GetProperty("maxSessionsPerUser").GetInt32());

        var body = HostSpec.For(sshd.Server).WithoutSecret().ToBody();
        body["idleTimeoutSeconds"] = -1;
        body["maxSessionsPerUser"] = -2;
        var (status, errors) = await server.SendAsync(HttpMethod.Put, $"/api/hosts/{hostId}", token, body);
        Assert.Equal(400, status);
        Assert.Contains("idleTimeoutSeconds", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("maxSessionsPerUser", errors.ToString(), StringComparison.Ordinal);

        var cleared = HostSpec.For(sshd.Server).WithoutSecret().ToBody();
        Assert.Equal(200, (await server.SendAsync(HttpMethod.Put, $"/api/hosts/{hostId}", token, cleared)).Status);
        (_, host) = await server.SendAsync(HttpMethod.Get, $"/api/hosts/{hostId}", token);
        Assert.True(!host.TryGetProperty("idleTimeoutSeconds", out var idle) || idle.ValueKind == System.Text.Json.JsonValueKind.Null, host.ToString());
    }
}
