namespace Bastion.Testing;

/// <summary>
/// What the syslog export tests share: a real rsyslogd on plain TCP, one with its gtls (TLS) input, and an sshd for a
/// session while the collector is down. The collectors run for the whole collection; each test gives its Bastion a
/// unique <c>Audit:Syslog:Hostname</c> and reads only its own messages. A test that stops a collector starts its own.
/// </summary>
public sealed class SyslogFixture : IAsyncLifetime
{
    public RsyslogServer Plain { get; } = new();

    public RsyslogServer Tls { get; } = new(tls: true);

    public SshdServer Sshd { get; } = new();

    /// <summary>Bastion's settings for an export to <paramref name="collector"/> under <paramref name="hostname"/>, with
    /// short poll and reconnect delays so the tests do not wait for the defaults.</summary>
    public static Dictionary<string, string> ExportSettings(RsyslogServer collector, string hostname, bool tls = false) => new()
    {
        ["Audit:Syslog:Enabled"] = "true",
        ["Audit:Syslog:Host"] = "127.0.0.1",
        ["Audit:Syslog:Port"] = collector.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Audit:Syslog:Tls"] = tls ? "true" : "false",
        ["Audit:Syslog:Hostname"] = hostname,
        ["Audit:Syslog:PollInterval"] = "00:00:00.200",
        ["Audit:Syslog:ReconnectMinDelay"] = "00:00:00.200",
        ["Audit:Syslog:ReconnectMaxDelay"] = "00:00:01",
        ["Terminal:DetachedGrace"] = "00:00:00",
    };

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Plain.StartAsync(), Tls.StartAsync(), Sshd.StartAsync(CancellationToken.None)).WithTimeout(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await Plain.DisposeAsync();
        await Tls.DisposeAsync();
        await Sshd.DisposeAsync();
    }
}
