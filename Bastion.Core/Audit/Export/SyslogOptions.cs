namespace Bastion.Core.Audit.Export;

/// <summary>Configuration section <c>Audit:Syslog</c>: the SIEM export of the audit chain as RFC 5424 syslog over TCP
/// (RFC 6587 octet counting) or TLS (RFC 5425). Off unless <see cref="Enabled"/>.</summary>
public sealed class SyslogOptions
{
    public const string SectionName = "Audit:Syslog";

    public bool Enabled { get; set; }

    /// <summary>The collector's host name or address (required when enabled).</summary>
    public string? Host { get; set; }

    /// <summary>6514 is syslog over TLS (RFC 5425); plain TCP collectors usually listen on 514 or 601.</summary>
    public int Port { get; set; } = 6514;

    /// <summary>TLS on by default: audit events name users, addresses and hosts.</summary>
    public bool Tls { get; set; } = true;

    /// <summary>A PEM file of the CA certificates that may sign the collector's certificate; unset = the system's trust store.</summary>
    public string? CaFile { get; set; }

    /// <summary>The name the collector's certificate must carry; unset = <see cref="Host"/>.</summary>
    public string? ServerName { get; set; }

    /// <summary>APP-NAME of every message (printable ASCII, at most 48).</summary>
    public string AppName { get; set; } = "bastion";

    /// <summary>A facility name (<c>auth</c>, <c>authpriv</c>, <c>local0</c>…<c>local7</c>, …) or its number 0–23.</summary>
    public string Facility { get; set; } = "authpriv";

    /// <summary>HOSTNAME of every message; unset = this machine's name.</summary>
    public string? Hostname { get; set; }

    /// <summary>The private enterprise number in the structured-data ids (<c>bastion@N</c>); 32473 is the example
    /// number RFC 5612 reserves for documentation: set your organisation's own if it has one.</summary>
    public int EnterpriseId { get; set; } = 32473;

    /// <summary>The most events read from the audit store and written per batch (the cursor advances per batch).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How often the exporter looks for new events when it has caught up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first wait after a failed connection; it doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The bound on connecting (with the TLS handshake) and on a batch being written and acknowledged by the
    /// collector's TCP; past it the connection is dropped and the batch sent again on a new one.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest message (rsyslog's default <c>maxMessageSize</c> is 8 KiB); a longer one loses its text
    /// summary first, then its data element, never the chain fields.</summary>
    public int MaxMessageBytes { get; set; } = 8192;
}
