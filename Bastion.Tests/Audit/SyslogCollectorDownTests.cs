namespace Bastion.Tests.Audit;

/// <summary>The collector goes away and comes back: sessions run on, /readyz says degraded, and nothing is lost.</summary>
[Collection(SyslogCollectionDefinition.Name)]
public sealed class SyslogCollectorDownTests(SyslogFixture fixture)
{
    [Fact]
    public async Task CollectorDown_SessionsRunOn_AndEveryEventArrivesWhenItIsBack()
    {
        var hostname = BastionFixture.Unique("syslog-down");
        await using var collector = new RsyslogServer();
        await collector.StartAsync();
        await using var bastion = await BastionFixture.StartAsync(fixture.Sshd, SyslogFixture.ExportSettings(collector, hostname));
        var hostId = await bastion.AddHostAsync();
        await SyslogDelivery.WaitForChainAsync(bastion.Server, collector, hostname);
        Assert.Equal("healthy", (await SyslogDelivery.ReadinessAsync(bastion.Server)).Status);

        // 1. The collector is gone; a whole session runs meanwhile, its events pile up in the store.
        await collector.StopAsync();
        string sessionId;
        await using (var terminal = await bastion.OpenTerminalAsync(hostId))
        {
            await terminal.SendInputAsync("echo while-down-$((6*7))\r");
            await terminal.WaitForOutputAsync("while-down-42");
            sessionId = terminal.SessionId!;
        }

        await Poll.UntilAsync(async () => (await SyslogDelivery.ChainAsync(bastion.Server)).Any(r => r.Type == "session.ended" && r.SessionId == sessionId), "session.ended in the store");
        await Poll.UntilAsync(async () => (await SyslogDelivery.ReadinessAsync(bastion.Server)).Status == "degraded", "/readyz to report the export degraded");
        var (_, description) = await SyslogDelivery.ReadinessAsync(bastion.Server);
        Assert.Contains("events waiting", description);
        Assert.DoesNotContain(SyslogDelivery.Of(collector, hostname), l => l.Param("bastion@", "session") == sessionId);

        // 2. Back on the same port: the backlog arrives, in order of the chain, without a gap.
        await collector.StartAsync();
        var lines = await SyslogDelivery.WaitForChainAsync(bastion.Server, collector, hostname);
        var chain = await SyslogDelivery.ChainAsync(bastion.Server);
        Assert.Equal(chain.Select(r => r.Sequence), lines.Select(SyslogDelivery.Seq).Distinct().Order());
        Assert.Contains(lines, l => l.MsgId == "session.started" && l.Param("bastion@", "session") == sessionId);
        Assert.Contains(lines, l => l.MsgId == "session.ended" && l.Param("bastion@", "session") == sessionId);
        await Poll.UntilAsync(async () => (await SyslogDelivery.ReadinessAsync(bastion.Server)).Status == "healthy", "/readyz healthy again");
    }
}
