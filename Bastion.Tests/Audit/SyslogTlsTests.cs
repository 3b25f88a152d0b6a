namespace Bastion.Tests.Audit;

/// <summary>Syslog over TLS (RFC 5425) to rsyslogd's gtls input, with the CA from Audit:Syslog:CaFile and the name
/// checked against Audit:Syslog:ServerName.</summary>
[Collection(SyslogCollectionDefinition.Name)]
public sealed class SyslogTlsTests(SyslogFixture fixture)
{
    [Fact]
    public async Task OverTls_WithTheCollectorsCa_EventsArrive()
    {
        var hostname = BastionFixture.Unique("syslog-tls");
        var settings = SyslogFixture.ExportSettings(fixture.Tls, hostname, tls: true);
        settings["Audit:Syslog:CaFile"] = fixture.Tls.CaFile;
        settings["Audit:Syslog:ServerName"] = RsyslogServer.TlsServerName;
        await using var bastion = await BastionFixture.StartAsync(null, settings);

        var lines = await SyslogDelivery.WaitForChainAsync(bastion.Server, fixture.Tls, hostname);

        Assert.Contains(lines, l => l.MsgId == "auth.login.succeeded" && l.Param("bastion@", "actor") == "admin");
    }

    [Theory]
    [InlineData("other.test", true)]
    [InlineData(RsyslogServer.TlsServerName, false)]
    public async Task OverTls_ACertificateThatDoesNotMatch_IsRefused(string serverName, bool withCa)
    {
        var hostname = BastionFixture.Unique("syslog-tls-bad");
        var settings = SyslogFixture.ExportSettings(fixture.Tls, hostname, tls: true);
        settings["Audit:Syslog:ServerName"] = serverName;
        if (withCa)
        {
            settings["Audit:Syslog:CaFile"] = fixture.Tls.CaFile;
        }

        await using var bastion = await BastionFixture.StartAsync(null, settings);

        // Wrong name (with the right CA), or the right name with a CA the system does not trust: no connection.
        await Poll.UntilAsync(async () => (await SyslogDelivery.ReadinessAsync(bastion.Server)).Status == "degraded", "/readyz to report the export degraded");
        Assert.Empty(SyslogDelivery.Of(fixture.Tls, hostname));
    }
}
