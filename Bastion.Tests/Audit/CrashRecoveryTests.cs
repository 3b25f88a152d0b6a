using System.Net.Http.Headers;
using System.Text.Json;
using Bastion.Testing;

namespace Bastion.Tests.Audit;

/// <summary>kill -9 of a real Bastion process in the middle of a session, then a restart on the same data.</summary>
public sealed class CrashRecoveryTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bastion-crash-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Kill9DuringASession_RestartEndsItAsCrash_KeepsTheFlushedRecording_AndTheChainVerifies()
    {
        string sessionId;
        string hostId;
        DateTimeOffset killedAt;

        // 1. A live session on a separate Bastion process, with output that has reached the recording file.
        await using (var bastion = await BastionProcess.StartAsync(_dataDir))
        {
            var http = bastion.Http;
            var token = await bastion.LoginAsync();
            hostId = (await SendAsync(http, HttpMethod.Post, "/api/hosts", token, HostSpec.For(sshd.Server, "crash-host").ToBody()))
                .GetProperty("id").GetString()!;
            var ticket = (await SendAsync(http, HttpMethod.Post, "/api/terminal/tickets", token, new { hostId })).GetProperty("ticket").GetString()!;
            await using var terminal = await TerminalClient.ConnectAsync(
                new Uri($"ws://{bastion.BaseUri.Authority}/ws/terminal/{hostId}?cols=90&rows=25&ticket={Uri.EscapeDataString(ticket)}"));
            await terminal.SendInputAsync("echo before-crash-$((5*5))\r");
            await terminal.WaitForOutputAsync("before-crash-25\r\n");
            sessionId = terminal.SessionId!;
            var recording = Path.Combine(_dataDir, "recordings", sessionId + ".cast");
            await WaitForFileToContainAsync(recording, "before-crash-25");

            await bastion.KillAsync();
            killedAt = DateTimeOffset.UtcNow;
        }

        // 2. Restart on the same data directory.
        await using (var bastion = await BastionProcess.StartAsync(_dataDir))
        {
            var http = bastion.Http;
            var token = await bastion.LoginAsync();

            var events = await SendAsync(http, HttpMethod.Get, $"/api/audit/events?session={sessionId}&type=session.ended", token);
            var ended = Assert.Single(events.GetProperty("events").EnumerateArray());
            Assert.Equal("crash", ended.GetProperty("data").GetProperty("reason").GetString());

            var verify = await SendAsync(http, HttpMethod.Get, "/api/audit/verify", token);
            Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());

            var session = (await SendAsync(http, HttpMethod.Get, $"/api/sessions/{sessionId}", token)).GetProperty("session");
            Assert.Equal("crash", session.GetProperty("endReason").GetString());
            Assert.False(session.GetProperty("active").GetBoolean());

            // The end time is the recording's last event, not the restart; the byte counts are what it holds (issue 13).
            Assert.True(session.GetProperty("endedAt").GetDateTimeOffset() <= killedAt, $"{session} ended after the kill at {killedAt:O}");
            Assert.True(session.GetProperty("bytesOut").GetInt64() >= "before-crash-25".Length, session.ToString());
            var data = ended.GetProperty("data");
            Assert.Equal(session.GetProperty("durationMs").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), data.GetProperty("duration_ms").GetString());
            Assert.Equal(session.GetProperty("bytesOut").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), data.GetProperty("bytes_out").GetString());

            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{sessionId}/recording");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request).WithTimeout();
            response.EnsureSuccessStatusCode();
            var copy = Path.Combine(_dataDir, "downloaded.cast");
            await File.WriteAllBytesAsync(copy, await response.Content.ReadAsByteArrayAsync().WithTimeout()).WithTimeout();
            Assert.Equal(ended.GetProperty("data").GetProperty("recording_sha256").GetString(),
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(copy).WithTimeout())));
            var played = await ToolRunner.RunAsync("/usr/bin/script", ["-q", "-e", "-c", $"/usr/bin/asciinema cat '{copy}'", "/dev/null"]).WithTimeout();
            Assert.True(played.ExitCode == 0, played.StandardError);
            Assert.Contains("before-crash-25", played.StandardOutput);
        }
    }

    [Fact]
    public async Task Kill9DuringASession_ThenTheRecordingCutInTheMiddle_IsNamedByAuditVerify_ThroughItsCheckpoints()
    {
        string sessionId;
        long checkpointSequence, checkpointBytes;
        string[] checkpointed = ["--Recording:CheckpointInterval=00:00:01"];

        // 1. A session with a checkpoint in the chain, then kill -9: no session.ended, no final hash from the recorder.
        await using (var bastion = await BastionProcess.StartAsync(_dataDir, checkpointed))
        {
            var http = bastion.Http;
            var token = await bastion.LoginAsync();
            var hostId = (await SendAsync(http, HttpMethod.Post, "/api/hosts", token, HostSpec.For(sshd.Server, "crash-ckpt-host").ToBody()))
                .GetProperty("id").GetString()!;
            var ticket = (await SendAsync(http, HttpMethod.Post, "/api/terminal/tickets", token, new { hostId })).GetProperty("ticket").GetString()!;
            await using var terminal = await TerminalClient.ConnectAsync(
                new Uri($"ws://{bastion.BaseUri.Authority}/ws/terminal/{hostId}?cols=90&rows=25&ticket={Uri.EscapeDataString(ticket)}"));
            await terminal.SendInputAsync("for i in $(seq 1 60); do echo crash-line-$i; done; echo done-$((6*7))\r");
            await terminal.WaitForOutputAsync("done-42\r\n");
            sessionId = terminal.SessionId!;
            var recording = Path.Combine(_dataDir, "recordings", sessionId + ".cast");
            await WaitForFileToContainAsync(recording, "done-42");

            using var timeout = TestTimeouts.CreateTokenSource();
            while (true)
            {
                var events = await SendAsync(http, HttpMethod.Get, $"/api/audit/events?session={sessionId}&type=recording.checkpoint", token);
                var covering = events.GetProperty("events").EnumerateArray()
                    .Select(e => (Sequence: e.GetProperty("sequence").GetInt64(), Bytes: long.Parse(e.GetProperty("data").GetProperty("bytes").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
                    .Where(c => c.Bytes >= new FileInfo(recording).Length / 2).ToList();
                if (covering.Count > 0)
                {
                    (checkpointSequence, checkpointBytes) = covering.MinBy(c => c.Sequence);
                    break;
                }

                await Task.Delay(100, timeout.Token);
            }

            await bastion.KillAsync();

            // 2. Someone cuts ten bytes out of the recording before the restart, so the recovered final hash is of the
            // edited file: only the checkpoint can tell.
            var bytes = await File.ReadAllBytesAsync(recording).WithTimeout();
            var cutFrom = (int)(checkpointBytes / 2);
            await File.WriteAllBytesAsync(recording, [.. bytes[..cutFrom], .. bytes[(cutFrom + 10)..]]).WithTimeout();
        }

        // 3. Restart: recovery ends the session as crash; verify names the recording at the checkpoint.
        await using (var bastion = await BastionProcess.StartAsync(_dataDir, checkpointed))
        {
            var token = await bastion.LoginAsync();
            var verify = await SendAsync(bastion.Http, HttpMethod.Get, "/api/audit/verify", token);
            Assert.False(verify.GetProperty("ok").GetBoolean(), verify.ToString());
            Assert.Equal(sessionId, verify.GetProperty("badSession").GetString());
            Assert.True(verify.GetProperty("badSequence").GetInt64() <= checkpointSequence, verify.ToString());
            Assert.Contains("checkpoint", verify.GetProperty("problem").GetString(), StringComparison.Ordinal);
        }

        var cli = await BastionProcess.RunCliAsync(_dataDir, "audit", "verify").WithTimeout();
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains($"BROKEN recording {sessionId}.cast", cli.StandardOutput);
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = BastionServer.Request(method, path, token, body);
        using var response = await http.SendAsync(request).WithTimeout();
        var text = await response.Content.ReadAsStringAsync().WithTimeout();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task WaitForFileToContainAsync(string path, string text)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while (!File.Exists(path) || !(await File.ReadAllTextAsync(path, timeout.Token)).Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
