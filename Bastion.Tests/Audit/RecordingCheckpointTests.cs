using Bastion.Core.Audit;

namespace Bastion.Tests.Audit;

/// <summary>Issue 13: a running session appends the hash of its recording so far to the audit chain, and
/// <c>audit verify</c> checks every recording against those checkpoints and its final hash.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class RecordingCheckpointTests(BastionFixture bastion)
{
    [Fact]
    public async Task FinishedSessionRecording_CutInTheMiddle_IsNamedByAuditVerify_AtTheFirstCheckpointAfterTheCut()
    {
        await using var own = await BastionFixture.StartAsync(bastion.Sshd, new Dictionary<string, string> { ["Recording:CheckpointInterval"] = "00:00:01" });
        var server = own.Server;
        var hostId = await own.AddHostAsync(BastionFixture.Unique("ckpt-host"));

        // 1. A session whose output spans several checkpoints.
        string sessionId;
        await using (var terminal = await own.OpenTerminalAsync(hostId))
        {
            await terminal.WaitForAsync(t => t.SessionId is not null, "ready");
            sessionId = terminal.SessionId!;
            long lastCheckpoint = 0;
            for (var round = 1; round <= 3; round++)
            {
                await terminal.SendInputAsync($"for i in $(seq 1 40); do echo ckpt-{round}-line-$i; done; echo round-$(({round}*100))\r");
                await terminal.WaitForOutputAsync($"round-{round * 100}\r\n");
                var previous = lastCheckpoint;
                lastCheckpoint = (await server.WaitForEventAsync(
                    e => e.Type == AuditEventTypes.RecordingCheckpoint && e.SessionId == sessionId && e.Sequence > previous, $"checkpoint {round}")).Sequence;
            }

            await terminal.SendInputAsync("exit\r");
            await terminal.WaitForCloseAsync();
        }

        await server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        var (_, before) = await server.SendAsync(HttpMethod.Get, "/api/audit/verify", own.AdminToken);
        Assert.True(before.GetProperty("ok").GetBoolean(), before.ToString());
        Assert.True(before.GetProperty("recordingsChecked").GetInt32() >= 1, before.ToString());

        // 2. Cut a stretch out of the middle of the recording.
        var checkpoints = (await server.EventsAsync())
            .Where(e => e.Type == AuditEventTypes.RecordingCheckpoint && e.SessionId == sessionId)
            .Select(e => (e.Sequence, Bytes: long.Parse(e.Data("bytes"), System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.True(checkpoints.Count >= 2, $"{checkpoints.Count} checkpoints");
        var path = server.RecordingPath(await server.SessionAsync(sessionId));
        var bytes = await File.ReadAllBytesAsync(path).WithTimeout();
        var cutFrom = checkpoints[0].Bytes - 20;
        await File.WriteAllBytesAsync(path, [.. bytes[..(int)cutFrom], .. bytes[(int)(cutFrom + 10)..]]).WithTimeout();

        // 3. The first checkpoint past the cut is named, with the recording and the session.
        var (status, after) = await server.SendAsync(HttpMethod.Get, "/api/audit/verify", own.AdminToken);
        Assert.Equal(200, status);
        Assert.False(after.GetProperty("ok").GetBoolean(), after.ToString());
        Assert.Equal(checkpoints[0].Sequence, after.GetProperty("badSequence").GetInt64());
        Assert.Equal(sessionId, after.GetProperty("badSession").GetString());
        Assert.Equal(sessionId + ".cast", after.GetProperty("badRecording").GetString());

        var cli = await BastionProcess.RunCliAsync(server.DataDir, "audit", "verify").WithTimeout();
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains($"BROKEN recording {sessionId}.cast (session {sessionId}) at event {checkpoints[0].Sequence}", cli.StandardOutput);
    }
}
