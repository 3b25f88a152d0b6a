using System.Globalization;

namespace Bastion.Testing;

/// <summary>
/// A real <c>rsyslogd</c> (Debian package <c>rsyslog</c>; TLS through <c>rsyslog-gnutls</c>'s gtls driver) receiving
/// syslog over TCP on a free loopback port, with a temporary config and work directory and no system service: started
/// in the foreground as this test's own child (<c>-n</c>), stopped by its PID. It writes every message it parsed, as
/// RFC 5424 rebuilt from the fields it parsed, one per line to <see cref="OutputFile"/>; <see cref="ReadMessages"/>
/// parses them back. <see cref="StopAsync"/> and <see cref="StartAsync"/> again on the same port simulate the
/// collector going away and coming back. With <c>tls</c>, a CA and a certificate for <see cref="TlsServerName"/>
/// are made for it (<see cref="CaFile"/> is what Bastion trusts).
/// </summary>
public sealed class RsyslogServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/rsyslogd";

    /// <summary>The gtls network stream driver, from rsyslog-gnutls.</summary>
    public const string GtlsDriver = "/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so";

    /// <summary>The name in the server certificate (Bastion connects to 127.0.0.1 and checks this name).</summary>
    public const string TlsServerName = "syslog.test";

    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-rsyslog-").FullName;
    private readonly bool _tls;
    private ServerProcess? _process;

    public RsyslogServer(bool tls = false)
    {
        _tls = tls;
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} not found: the syslog export tests need it. Fix: apt-get install -y rsyslog (test.sh does this as root).");
        }

        if (tls && !File.Exists(GtlsDriver))
        {
            throw new InvalidOperationException($"{GtlsDriver} not found: the syslog TLS test needs rsyslog's gtls driver. Fix: apt-get install -y rsyslog-gnutls (test.sh does this as root).");
        }

        if (tls)
        {
            TestCertificates.WriteCaAndServer(_dir, TlsServerName);
        }

        File.WriteAllText(Path.Combine(_dir, "rsyslog.conf"), Config());
    }

    public int Port { get; } = FreePort.Get();

    public string OutputFile => Path.Combine(_dir, "messages.log");

    public string CaFile => Path.Combine(_dir, TestCertificates.CaFileName);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts rsyslogd and waits until it listens (with gtls it takes a few seconds).</summary>
    public async Task StartAsync() =>
        _process = await ServerProcess.StartAsync(
            Binary,
            ["-n", "-f", Path.Combine(_dir, "rsyslog.conf"), "-i", Path.Combine(_dir, "rsyslogd.pid")],
            cancellationToken => ServerProcess.AcceptsAsync(Port, cancellationToken),
            ReadInternalLog);

    /// <summary>SIGKILL by PID: the collector is gone at once, as a crash or a restart would look to Bastion.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.StopAsync();
        }

        File.Delete(Path.Combine(_dir, "rsyslogd.pid"));
    }

    /// <summary>Every message rsyslog wrote so far (lines it has not finished writing are skipped).</summary>
    public IReadOnlyList<SyslogLine> ReadMessages()
    {
        if (!File.Exists(OutputFile))
        {
            return [];
        }

        using var stream = new FileStream(OutputFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var text = new StreamReader(stream).ReadToEnd();
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        return [.. complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(SyslogLine.Parse)];
    }

    /// <summary>rsyslog's own messages (errors in its config, TLS failures), for a failing test's message.</summary>
    public string ReadInternalLog()
    {
        var path = Path.Combine(_dir, "internal.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Config()
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var tlsGlobal = _tls
            ? $" DefaultNetstreamDriver=\"gtls\" DefaultNetstreamDriverCAFile=\"{CaFile}\" DefaultNetstreamDriverCertFile=\"{Path.Combine(_dir, TestCertificates.ServerCertFileName)}\" DefaultNetstreamDriverKeyFile=\"{Path.Combine(_dir, TestCertificates.ServerKeyFileName)}\""
            : "";
        var tlsModule = _tls ? " StreamDriver.Name=\"gtls\" StreamDriver.Mode=\"1\" StreamDriver.AuthMode=\"anon\"" : "";
        return $$"""
            global(workDirectory="{{_dir}}" maxMessageSize="64k"{{tlsGlobal}})
            module(load="imtcp"{{tlsModule}})
            input(type="imtcp" port="{{port}}" address="127.0.0.1" ruleset="bastion")
            template(name="rfc5424" type="string" string="<%PRI%>1 %TIMESTAMP:::date-rfc3339% %HOSTNAME% %APP-NAME% %PROCID% %MSGID% %STRUCTURED-DATA% %msg%\n")
            ruleset(name="bastion") { action(type="omfile" file="{{OutputFile}}" template="rfc5424" flushOnTXEnd="on" asyncWriting="off") }
            *.* action(type="omfile" file="{{Path.Combine(_dir, "internal.log")}}")

            """;
    }
}
