namespace Bastion.Tests.Audit;

/// <summary>Issue 13, disk full on a real tmpfs (created and removed by the test; the suite runs as root).</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class DiskFullTests(BastionFixture bastion)
{
    [Fact]
    public async Task SessionRefusedWhileTheRecordingsDiskIsFull_LeavesNoEmptyCast_AndSessionsWorkAgainOnceSpaceReturns()
    {
        await using var disk = await TmpfsMount.CreateAsync(20);
        var recordings = Path.Combine(disk.Path, "recordings");
        await using var own = await BastionFixture.StartAsync(bastion.Sshd, new Dictionary<string, string> { ["Recording:Directory"] = recordings });
        var hostId = await own.AddHostAsync(BastionFixture.Unique("full-host"));
        Directory.CreateDirectory(recordings);

        // 1. Full: the attempt is refused, and no 0-byte recording is left behind.
        var fill = await disk.FillAsync();
        await using (var refused = await own.OpenTerminalAsync(hostId))
        {
            await refused.WaitForCloseAsync();
            Assert.Contains(refused.Errors, e => e.GetProperty("code").GetString() == "storage_full");
        }

        Assert.Empty(Directory.GetFiles(recordings, "*.cast"));

        // 2. Space returns: the next session records, without a restart.
        File.Delete(fill);
        await using (var terminal = await own.OpenTerminalAsync(hostId))
        {
            await terminal.WaitForAsync(t => t.SessionId is not null, "ready");
            await terminal.SendInputAsync("echo back-$((20+1))\r");
            await terminal.WaitForOutputAsync("back-21\r\n");
            await terminal.SendInputAsync("exit\r");
            await terminal.WaitForCloseAsync();
        }

        // The socket closes before the recorder has flushed its last lines: the session ends on its own task.
        var cast = Assert.Single(Directory.GetFiles(recordings, "*.cast"));
        await Poll.UntilAsync(
            async () => (await File.ReadAllTextAsync(cast)).Contains("back-21", StringComparison.Ordinal),
            "the recording to hold the second session's output");
    }
}
