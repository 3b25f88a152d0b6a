using System.Diagnostics.Metrics;

namespace Bastion.Core.Telemetry;

/// <summary>
/// Bastion's own metrics, on one <see cref="Meter"/> named <see cref="MeterName"/> that the host exports (OpenTelemetry,
/// Prometheus). Static, as the runtime's and the libraries' meters are: the instruments are touched on the relay's hot
/// path, where resolving a service per chunk would cost more than the measurement. Every tag has a bounded set of
/// values (an end reason, a failure category, a direction, an audit event type); nothing per user, host or session.
/// </summary>
internal static class BastionInstruments
{
    public const string MeterName = "Bastion";

    private static readonly Meter Meter = new(MeterName, typeof(BastionInstruments).Assembly.GetName().Version?.ToString());

    public static readonly UpDownCounter<long> SessionsActive =
        Meter.CreateUpDownCounter<long>("bastion.sessions.active", "{session}", "Sessions that are running now (connecting, attached or detached).");

    public static readonly Counter<long> SessionsOpened =
        Meter.CreateCounter<long>("bastion.sessions.opened", "{session}", "Sessions started (audited as session.started).");

    /// <summary>Tagged <c>reason</c>: the audit reason of session.ended (<c>host_closed</c>, <c>killed</c>, ...).</summary>
    public static readonly Counter<long> SessionsEnded =
        Meter.CreateCounter<long>("bastion.sessions.ended", "{session}", "Sessions ended, by the reason audited in session.ended.");

    /// <summary>Tagged <c>direction</c>: <c>out</c> (host to browser) or <c>in</c> (browser to host).</summary>
    public static readonly Counter<long> BytesRelayed =
        Meter.CreateCounter<long>("bastion.relay.bytes", "By", "Terminal bytes relayed between hosts and browsers.");

    public static readonly Counter<long> OutputWakesDeferred =
        Meter.CreateCounter<long>("bastion.relay.output.wakes_deferred", "{wake}", "Output hand-offs left for a later write or the 2 ms wake timer, by reason (more_coming, stream).");

    public static readonly Counter<long> OutputWakeTimerTicks =
        Meter.CreateCounter<long>("bastion.relay.output.wake_timer_ticks", "{tick}", "Times the output buffer's 2 ms wake timer fired (a deferred hand-off that no write completed).");

    public static readonly Counter<long> SshBlockingReceiveFallbacks =
        Meter.CreateCounter<long>("bastion.ssh.blocking_receive.fallbacks", "{connection}", "SSH connections left on the runtime's emulated receive although Ssh:BlockingReceive is on, by reason (seam_missing, fcntl_failed, epoll_unchanged, error).");

    public static readonly Counter<long> FlowControlPauses =
        Meter.CreateCounter<long>("bastion.relay.flow_control.pauses", "{pause}", "Times output was paused because a browser had not acknowledged enough.");

    public static readonly Counter<long> RecorderBytes =
        Meter.CreateCounter<long>("bastion.recorder.bytes", "By", "Bytes written to session recordings.");

    /// <summary>Text taken from sessions but not yet written by their recorders: the recorders' lag, summed.</summary>
    public static readonly ObservableUpDownCounter<long> RecorderQueued =
        Meter.CreateObservableUpDownCounter("bastion.recorder.queued", RecorderLag.QueuedChars, "{char}", "Characters waiting in recorder queues (recorder lag).");

    /// <summary>Tagged <c>outcome</c>: <c>ok</c> or the connect failure category (<c>auth_failed</c>, <c>unreachable</c>, ...).</summary>
    public static readonly Histogram<double> SshHandshakeDuration =
        Meter.CreateHistogram<double>("bastion.ssh.handshake.duration", "s", "Time to connect, verify the host key, log in and open the shell.");

    /// <summary>Tagged <c>category</c>: the connect failure (<c>host_key_mismatch</c>, <c>auth_failed</c>, ...).</summary>
    public static readonly Counter<long> SshHandshakeFailures =
        Meter.CreateCounter<long>("bastion.ssh.handshake.failures", "{failure}", "SSH connections that failed, by category.");

    /// <summary>Connection set-ups waiting for a handshake slot.</summary>
    public static readonly UpDownCounter<long> ConnectsQueued =
        Meter.CreateUpDownCounter<long>("bastion.ssh.connects.queued", "{connect}", "Connection set-ups waiting for a free handshake slot.");

    /// <summary>Tagged <c>outcome</c>: <c>succeeded</c> or <c>failed</c>.</summary>
    public static readonly Counter<long> Logins =
        Meter.CreateCounter<long>("bastion.logins", "{login}", "Password logins, by outcome.");

    /// <summary>Tagged <c>type</c>: the audit event type (one of <c>AuditEventTypes.All</c>).</summary>
    public static readonly Counter<long> AuditEvents =
        Meter.CreateCounter<long>("bastion.audit.events", "{event}", "Audit events appended to the chain, by type.");

    public static readonly Histogram<double> AuditAppendDuration =
        Meter.CreateHistogram<double>("bastion.audit.append.duration", "s", "Time to append one audit event durably.");

    public static readonly Counter<long> AuditAppendFailures =
        Meter.CreateCounter<long>("bastion.audit.append.failures", "{failure}", "Audit appends that failed (the caller then fails closed).");

    public static readonly Counter<long> AuditSyslogExported =
        Meter.CreateCounter<long>("bastion.audit.syslog.exported", "{event}", "Audit events delivered to the syslog collector (acknowledged by its TCP).");

    /// <summary>Tagged <c>reason</c>: <c>refused</c>, <c>timeout</c>, <c>tls</c>, <c>network</c> or <c>closed</c>.</summary>
    public static readonly Counter<long> AuditSyslogConnectionFailures =
        Meter.CreateCounter<long>("bastion.audit.syslog.connection_failures", "{failure}", "Failed connections to the syslog collector and sends it did not acknowledge.");

    public static readonly ObservableGauge<long> AuditSyslogLag =
        Meter.CreateObservableGauge("bastion.audit.syslog.lag", Audit.Export.SyslogExportLag.Events, "{event}", "Audit events in the store not yet delivered to the syslog collector.");

    public static readonly KeyValuePair<string, object?> ReasonMoreComing = new("reason", "more_coming");

    public static readonly KeyValuePair<string, object?> ReasonStream = new("reason", "stream");

    public static readonly KeyValuePair<string, object?> DirectionOut = new("direction", "out");

    public static readonly KeyValuePair<string, object?> DirectionIn = new("direction", "in");
}
