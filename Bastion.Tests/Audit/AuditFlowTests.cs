using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Recording;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Audit;

/// <summary>The audit events and recordings that real logins and real sshd sessions produce.</summary>
/// <remarks>Tests that need their own recorder settings or audit store start a deployment of their own; the others
/// share the collection's server, with users and hosts of their own, and assert on the events about those.</remarks>
[Collection(BastionCollectionDefinition.Name)]
public sealed class AuditFlowTests(BastionFixture bastion)
{
    private SshdServer Sshd => bastion.Sshd;

    private static Task<TerminalClient> OpenAsync(BastionServer server, string token, string hostId, string query = "cols=100&rows=30&flow=1") =>
        server.OpenTerminalAsync(token, hostId, query);

    private Task<BastionFixture> StartOwnAsync(IDictionary<string, string>? settings = null, Action<IServiceCollection>? configureServices = null) =>
        BastionFixture.StartAsync(Sshd, settings, configureServices);

    [Fact]
    public async Task Login_SuccessFailureAndLogout_AreAudited_WithUserIpAndReason()
    {
        var server = bastion.Server;
        var (_, name, token) = await bastion.AddUserAsync(["operator"]);
        using var bad = await server.Http.PostAsJsonAsync("/api/auth/token", new { username = name, password = "wrong" }).WithTimeout();
        Assert.Equal(401, (int)bad.StatusCode);

        var events = await server.EventsAsync();
        var ok = Assert.Single(events, e => e.Type == AuditEventTypes.LoginSucceeded && e.Actor == name);
        Assert.Equal("127.0.0.1", ok.ClientAddress);
        var failed = Assert.Single(events, e => e.Type == AuditEventTypes.LoginFailed && e.Data("user") == name);
        Assert.Null(failed.Actor);
        Assert.Equal("127.0.0.1", failed.ClientAddress);
        Assert.Contains("invalid", failed.Data("reason"));

        Assert.Equal(204, (await server.SendAsync(HttpMethod.Post, "/api/auth/logout", token)).Status);
        Assert.Single(await server.EventsAsync(), e => e.Type == AuditEventTypes.Logout && e.Actor == name);
    }

    [Fact]
    public async Task RealSession_IsAudited_AndItsRecordingPlaysInAsciinema_WithResizes_AndAMatchingHash()
    {
        var (server, token) = (bastion.Server, bastion.AdminToken);
        var hostName = BastionFixture.Unique("rec-host");
        var hostId = await bastion.AddHostAsync(hostName);
        string sessionId;
        await using (var terminal = await OpenAsync(server, token, hostId))
        {
            await terminal.WaitForAsync(t => t.SessionId is not null, "ready");
            sessionId = terminal.SessionId!;
            await terminal.SendInputAsync("echo rec-$((6*7))\r");
            await terminal.WaitForOutputAsync("rec-42\r\n");
            await terminal.ResizeAsync(132, 43);
            await terminal.SendInputAsync("stty size\r");
            await terminal.WaitForOutputAsync("43 132");
            await terminal.SendInputAsync("exit 3\r");
            await terminal.WaitForCloseAsync();
        }

        // 1. Events: ticket, started (with size), commands, ended (with reason, bytes, hash).
        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        var events = await server.EventsAsync();
        Assert.Contains(events, e => e.Type == AuditEventTypes.TicketIssued && e.Actor == "admin" && e.HostId == Guid.Parse(hostId));
        var started = Assert.Single(events, e => e.Type == AuditEventTypes.SessionStarted && e.SessionId == sessionId);
        Assert.Equal("admin", started.Actor);
        Assert.Equal(hostName, started.Data("host"));
        Assert.Equal(Sshd.UserName, started.Data("login"));
        Assert.Equal("100", started.Data("cols"));
        Assert.Equal("30", started.Data("rows"));
        Assert.Equal("127.0.0.1", started.ClientAddress);
        Assert.True(started.Sequence < ended.Sequence);
        Assert.Equal("host_closed", ended.Data("reason"));
        Assert.Equal("3", ended.Data("exit_status")); // the shell's own exit status (RFC 4254 §6.10)
        Assert.True(long.Parse(ended.Data("bytes_out"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(long.Parse(ended.Data("bytes_in"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var commands = events.Where(e => e.Type == AuditEventTypes.SessionCommand && e.SessionId == sessionId).ToList();
        Assert.Contains(commands, c => c.Data("line").EndsWith("echo rec-$((6*7))", StringComparison.Ordinal) && c.Data("source") == "echo");
        Assert.Contains(commands, c => c.Data("line").EndsWith("stty size", StringComparison.Ordinal));

        // 2. The file: hash matches, header has the opening size, the resize is there, no keystrokes by default.
        var session = await server.WaitForSessionEndedAsync(sessionId);
        var path = server.RecordingPath(session);
        Assert.Equal(ended.Data("recording_sha256"), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path).WithTimeout())));
        Assert.Equal(ended.Data("recording_sha256"), session.RecordingSha256);
        var lines = await File.ReadAllLinesAsync(path).WithTimeout();
        using (var header = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal(2, header.RootElement.GetProperty("version").GetInt32());
            Assert.Equal(100, header.RootElement.GetProperty("width").GetInt32());
            Assert.Equal(30, header.RootElement.GetProperty("height").GetInt32());
        }

        var kinds = lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement).Select(e => (Kind: e[1].GetString(), Data: e[2].GetString())).ToList();
        Assert.Contains(("r", "132x43"), kinds);
        Assert.DoesNotContain(kinds, k => k.Kind == "i");

        // 3. The Debian asciinema CLI plays it (asciinema cat opens /dev/tty, so it runs under script(1)'s pty).
        var played = await ToolRunner.RunAsync("/usr/bin/script", ["-q", "-e", "-c", $"/usr/bin/asciinema cat '{path}'", "/dev/null"]).WithTimeout();
        Assert.True(played.ExitCode == 0, played.StandardError);
        Assert.Contains("echo rec-$((6*7))", played.StandardOutput);
        Assert.Contains("rec-42", played.StandardOutput);
        Assert.Contains("43 132", played.StandardOutput);
    }

    [Fact]
    public async Task RecordInput_OnForTheHost_WritesInputEvents_AndCommandsFromKeystrokes()
    {
        var (server, token) = (bastion.Server, bastion.AdminToken);
        var hostId = await bastion.AddHostAsync();
        await server.SetRecordInputAsync(hostId, true);
        string sessionId;
        await using (var terminal = await OpenAsync(server, token, hostId))
        {
            await terminal.WaitForAsync(t => t.SessionId is not null, "ready");
            sessionId = terminal.SessionId!;
            await terminal.SendInputAsync("echo typo\u007f\u007f\u007f\u007fkeys-$((2+3))\r");
            await terminal.WaitForOutputAsync("keys-5\r\n");
            await terminal.SendInputAsync("exit\r");
            await terminal.WaitForCloseAsync();
        }

        var command = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionCommand && e.SessionId == sessionId, "session.command");
        Assert.Equal("echo keys-$((2+3))", command.Data("line"));
        Assert.Equal("input", command.Data("source"));
        await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        var lines = await File.ReadAllLinesAsync(server.RecordingPath(await server.SessionAsync(sessionId))).WithTimeout();
        Assert.Contains(lines, l => l.Contains("\"i\"", StringComparison.Ordinal) && l.Contains("keys-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Denied_NotGranted_AndForeignOrigin_AreAudited()
    {
        var (server, token) = (bastion.Server, bastion.AdminToken);
        var hostId = await bastion.AddHostAsync();
        var (_, olgaName, olga) = await bastion.AddUserAsync(["operator"]);

        var (status, _) = await server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", olga, new { hostId });
        Assert.Equal(404, status);
        await Assert.ThrowsAnyAsync<Exception>(() => TerminalClient.ConnectAsync(
            server.WebSocketUri($"/ws/terminal/{hostId}?cols=80&rows=24"), bearer: token, origin: "https://evil.example").WithTimeout());

        var events = await server.EventsAsync();
        var notGranted = Assert.Single(events, e => e.Type == AuditEventTypes.SessionDenied && e.Data("why") == "not_granted" && e.HostId == Guid.Parse(hostId));
        Assert.Equal(olgaName, notGranted.Actor);
        var origin = Assert.Single(events, e => e.Type == AuditEventTypes.SessionDenied && e.Data("why") == "origin" && e.HostId == Guid.Parse(hostId));
        Assert.Equal("https://evil.example", origin.Data("detail"));
    }

    [Fact]
    public async Task AuditStoreUnwritable_RefusesTheSession_BeforeAnySshConnection()
    {
        await using var own = await StartOwnAsync(configureServices: s => s.AddSingleton<IAuditLog>(
            sp => new FailingAuditLog(sp.GetRequiredService<SqliteAuditLog>(), AuditEventTypes.SessionStarted)));
        var (server, token) = (own.Server, own.AdminToken);
        var hostId = await own.AddHostAsync();
        var mark = Sshd.LogLength;

        await using var terminal = await OpenAsync(server, token, hostId);
        await terminal.WaitForCloseAsync();

        Assert.Equal("audit_unavailable", Assert.Single(terminal.Errors).GetProperty("code").GetString());
        Assert.Null(terminal.SessionId);
        Assert.DoesNotContain("Connection from", Sshd.LogSince(mark));
        Assert.Empty(Directory.Exists(Path.Combine(server.DataDir, "recordings"))
            ? Directory.GetFiles(Path.Combine(server.DataDir, "recordings")) : []);
    }

    [Fact]
    public async Task RecorderBehind_WaitPolicy_TheDefault_SlowsOutput_AndRecordsEverything()
    {
        await using var own = await StartOwnAsync(new Dictionary<string, string> { ["Recording:QueueLimitChars"] = "1" });
        var (server, token) = (own.Server, own.AdminToken);
        var hostId = await own.AddHostAsync();
        string sessionId;
        await using (var terminal = await OpenAsync(server, token, hostId))
        {
            // Every message is over this bound, so output waits for the writer each time, and nothing is dropped.
            await terminal.SendInputAsync("seq 1 20000; echo wait-$((1+1))\r");
            await terminal.WaitForOutputAsync("wait-2\r\n");
            sessionId = terminal.SessionId!;
            await terminal.SendInputAsync("exit\r");
            await terminal.WaitForCloseAsync();
            Assert.Empty(terminal.Errors);
        }

        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        Assert.Equal("host_closed", ended.Data("reason"));
        Assert.Equal("0", ended.Data("recording_skipped_chars"));
        var text = await File.ReadAllTextAsync(server.RecordingPath(await server.SessionAsync(sessionId))).WithTimeout();
        Assert.Contains("20000", text);
        Assert.DoesNotContain("recorder fell behind", text);
    }

    [Fact]
    public async Task RecorderBehind_EndSessionPolicy_EndsTheSessionWithRecorderFailed()
    {
        await using var own = await StartOwnAsync(new Dictionary<string, string>
        {
            ["Recording:QueueLimitChars"] = "1",
            ["Recording:WhenBehind"] = nameof(RecorderLagPolicy.EndSession),
        });
        var (server, token) = (own.Server, own.AdminToken);
        var hostId = await own.AddHostAsync();

        // Any output longer than one character is over this bound, so the first prompt already trips it.
        await using var terminal = await OpenAsync(server, token, hostId);
        await terminal.WaitForCloseAsync();

        Assert.Contains(terminal.Errors, e => e.GetProperty("code").GetString() == "recorder_failed");
        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded, "session.ended");
        Assert.Equal("recorder_failed", ended.Data("reason"));
    }

    [Fact]
    public async Task RecorderBehind_DropAndMarkPolicy_KeepsTheSession_AndMarksTheLoss()
    {
        await using var own = await StartOwnAsync(new Dictionary<string, string>
        {
            ["Recording:QueueLimitChars"] = "1",
            ["Recording:WhenBehind"] = nameof(RecorderLagPolicy.DropAndMark),
        });
        var (server, token) = (own.Server, own.AdminToken);
        var hostId = await own.AddHostAsync();
        string sessionId;
        await using (var terminal = await OpenAsync(server, token, hostId))
        {
            await terminal.SendInputAsync("echo drop-$((1+1))\r");
            await terminal.WaitForOutputAsync("drop-2\r\n");
            sessionId = terminal.SessionId!;
            await terminal.SendInputAsync("exit\r");
            await terminal.WaitForCloseAsync();
            Assert.Empty(terminal.Errors);
        }

        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        Assert.Equal("host_closed", ended.Data("reason"));
        Assert.NotEqual("0", ended.Data("recording_skipped_chars"));
        var text = await File.ReadAllTextAsync(server.RecordingPath(await server.SessionAsync(sessionId))).WithTimeout();
        Assert.Contains("\"m\",\"recorder fell behind:", text);
    }

    [Fact]
    public async Task RecordingSizeCap_KeepsRelaying_AndMarksTheSkippedOutput()
    {
        await using var own = await StartOwnAsync(new Dictionary<string, string> { ["Recording:MaxBytes"] = "1" });
        var (server, token) = (own.Server, own.AdminToken);
        var hostId = await own.AddHostAsync();
        string sessionId;
        await using (var terminal = await OpenAsync(server, token, hostId))
        {
            await terminal.SendInputAsync("seq 1 3000 | tail -n 1\r");
            await terminal.WaitForOutputAsync("3000\r\n");
            sessionId = terminal.SessionId!;
            await terminal.SendInputAsync("exit\r");
            await terminal.WaitForCloseAsync();
        }

        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        Assert.Equal("host_closed", ended.Data("reason"));
        var lines = await File.ReadAllLinesAsync(server.RecordingPath(await server.SessionAsync(sessionId))).WithTimeout();
        Assert.Contains(lines, l => l.Contains("recording size cap reached", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("\"o\"", StringComparison.Ordinal));
        Assert.NotEqual("0", ended.Data("recording_skipped_chars"));
    }

    [Fact]
    public async Task Admin_KillsARunningSession_ItClosesAndTheEventsNameWho()
    {
        var (server, token) = (bastion.Server, bastion.AdminToken);
        var hostId = await bastion.AddHostAsync();
        var (kimId, kimName, kim) = await bastion.AddUserAsync(["operator"]);
        await bastion.GrantAsync(kimId, hostId);
        await using var terminal = await OpenAsync(server, kim, hostId);
        await terminal.SendInputAsync("echo alive-$((2*2))\r");
        await terminal.WaitForOutputAsync("alive-4\r\n");
        var sessionId = terminal.SessionId!;

        Assert.Equal(403, (await server.SendAsync(HttpMethod.Post, $"/api/sessions/{sessionId}/kill", kim)).Status);
        Assert.Equal(204, (await server.SendAsync(HttpMethod.Post, $"/api/sessions/{sessionId}/kill", token)).Status);

        // The relay's cancellation path ends the socket; whether its "ended by the server" message gets out first is
        // the relay's business (cancelling a send aborts a WebSocket), so only the close is asserted here.
        await terminal.WaitForCloseAsync();
        var ended = await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        Assert.Equal("killed", ended.Data("reason"));
        Assert.Equal("admin", ended.Data("killed_by"));
        var killed = Assert.Single(await server.EventsAsync(), e => e.Type == AuditEventTypes.SessionKilled && e.SessionId == sessionId);
        Assert.Equal("admin", killed.Actor);
        Assert.Equal(kimName, killed.Data("user"));
        Assert.True(killed.Sequence < ended.Sequence);
        Assert.Equal(404, (await server.SendAsync(HttpMethod.Post, $"/api/sessions/{sessionId}/kill", token)).Status);
    }
}
