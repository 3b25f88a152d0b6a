using System.Globalization;
using Bastion.Core.Audit.Export;

namespace Bastion.Tests.Audit;

/// <summary>The audit chain reaches a real rsyslogd as RFC 5424 over TCP, and a restart continues from the cursor.</summary>
[Collection(SyslogCollectionDefinition.Name)]
public sealed class SyslogExportTests(SyslogFixture fixture)
{
    [Fact]
    public async Task Events_ReachRsyslog_AsRfc5424_WithTheChainInStructuredData()
    {
        var hostname = BastionFixture.Unique("syslog-fields");
        await using var bastion = await BastionFixture.StartAsync(null, SyslogFixture.ExportSettings(fixture.Plain, hostname));
        var (status, _) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/auth/token", null, new { username = "x\"y]z\\w", password = "wrong" });
        Assert.Equal(401, status);

        var lines = await SyslogDelivery.WaitForChainAsync(bastion.Server, fixture.Plain, hostname);
        var chain = await SyslogDelivery.ChainAsync(bastion.Server);

        var bySeq = lines.GroupBy(SyslogDelivery.Seq).ToDictionary(g => g.Key, g => g.First());
        foreach (var record in chain)
        {
            var line = bySeq[record.Sequence];
            Assert.Equal(record.Hash, line.Param("bastion@", "hash"));
            Assert.Equal(record.PrevHash, line.Param("bastion@", "prev"));
            Assert.Equal(record.Type, line.Param("bastion@", "type"));
            Assert.Equal(record.Actor, line.Param("bastion@", "actor"));
            Assert.Equal(record.Type, line.MsgId);
            Assert.Equal("bastion", line.AppName);
            Assert.Equal(10 * 8 + SyslogSeverity.Of(record.Type), line.Priority);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(record.TimeMs), DateTimeOffset.Parse(line.Timestamp, CultureInfo.InvariantCulture));
            Assert.StartsWith(record.Type + " by ", line.Message);
        }

        // The SD-PARAM escapes (RFC 5424 §6.3.3) survive rsyslog's parser: the attempted name comes back as sent.
        var failed = Assert.Single(lines, l => l.MsgId == "auth.login.failed");
        Assert.Equal("x\"y]z\\w", failed.Param("bastion-data@", "user"));
        Assert.Equal(10 * 8 + 4, failed.Priority);
    }

    [Fact]
    public async Task AfterARestart_DeliveryContinuesFromTheCursor_WithNoGapAndNoDuplicate()
    {
        var hostname = BastionFixture.Unique("syslog-restart");
        var dataDir = Directory.CreateTempSubdirectory("bastion-syslog-restart-").FullName;
        var settings = SyslogFixture.ExportSettings(fixture.Plain, hostname);
        long firstHead;
        await using (var first = await BastionFixture.StartAsync(null, settings, dataDir: dataDir))
        {
            first.Server.KeepDataDir = true;
            await SyslogDelivery.WaitForChainAsync(first.Server, fixture.Plain, hostname);
            firstHead = (await SyslogDelivery.ChainAsync(first.Server))[^1].Sequence;
        }

        await using var second = await BastionFixture.StartAsync(null, settings, dataDir: dataDir);
        var (status, _) = await second.Server.SendAsync(HttpMethod.Post, "/api/auth/token", null, new { username = "after-restart", password = "wrong" });
        Assert.Equal(401, status);
        var chain = await SyslogDelivery.ChainAsync(second.Server);
        Assert.True(chain[^1].Sequence > firstHead, "the second run added events");

        var lines = await SyslogDelivery.WaitForChainAsync(second.Server, fixture.Plain, hostname);

        // Every sequence once: a clean stop left the cursor at the last delivered event, so nothing was sent twice
        // and nothing skipped (at-least-once allows a repeat only after a failure, which this run had none of).
        var seqs = lines.Select(SyslogDelivery.Seq).ToList();
        Assert.Equal(chain.Select(r => r.Sequence), seqs.Order());
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        Assert.Contains(lines, l => l.Param("bastion-data@", "user") == "after-restart");
    }
}
