using Bastion.Core.Audit.Export;
using Bastion.Web.AuditApi.Syslog;

namespace Bastion.Tests.Audit;

public sealed class SyslogOptionsTests
{
    private static List<string> Failures(SyslogOptions options) =>
        new SyslogOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Disabled_NeedsNothing() => Assert.Empty(Failures(new SyslogOptions()));

    [Fact]
    public void Enabled_WithAHost_AndTheDefaults_IsValid() => Assert.Empty(Failures(new SyslogOptions { Enabled = true, Host = "siem.example" }));

    [Fact]
    public void Enabled_WithoutAHost_SaysWhichSettingAndTheFix()
    {
        var failure = Assert.Single(Failures(new SyslogOptions { Enabled = true }));
        Assert.Contains("Audit:Syslog:Host is empty", failure);
    }

    [Fact]
    public void BadValues_AreEachNamed()
    {
        var failures = Failures(new SyslogOptions
        {
            Enabled = true,
            Host = "siem.example",
            Port = 70000,
            Facility = "kernel",
            AppName = "has space",
            EnterpriseId = 0,
            BatchSize = 0,
            MaxMessageBytes = 100,
            PollInterval = TimeSpan.Zero,
            ReconnectMinDelay = TimeSpan.FromSeconds(5),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        });

        foreach (var setting in new[] { "Port", "Facility", "AppName", "EnterpriseId", "BatchSize", "MaxMessageBytes", "PollInterval", "ReconnectMaxDelay" })
        {
            Assert.Contains(failures, f => f.StartsWith($"Audit:Syslog:{setting} is", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void CaFile_ThatIsMissingOrNotPem_IsRefused_AndNeedsTls()
    {
        var dir = Directory.CreateTempSubdirectory("bastion-syslog-ca-").FullName;
        try
        {
            var missing = Path.Combine(dir, "missing.pem");
            Assert.Contains(Failures(new SyslogOptions { Enabled = true, Host = "h", CaFile = missing }), f => f.Contains("does not exist", StringComparison.Ordinal));

            var junk = Path.Combine(dir, "junk.pem");
            File.WriteAllText(junk, "not a certificate");
            Assert.Contains(Failures(new SyslogOptions { Enabled = true, Host = "h", CaFile = junk }), f => f.Contains("holds no PEM certificate", StringComparison.Ordinal));

            Assert.Contains(Failures(new SyslogOptions { Enabled = true, Host = "h", Tls = false, ServerName = "x" }), f => f.Contains("need Audit:Syslog:Tls=true", StringComparison.Ordinal));

            TestCertificates.WriteCaAndServer(dir, "syslog.test");
            Assert.Empty(Failures(new SyslogOptions { Enabled = true, Host = "h", CaFile = Path.Combine(dir, TestCertificates.CaFileName) }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
