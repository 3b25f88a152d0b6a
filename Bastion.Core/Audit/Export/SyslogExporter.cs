using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Bastion.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.Audit.Export;

/// <summary>
/// Sends the audit chain to the collector in order, from the cursor on, while this node holds the export lease. It
/// pulls from the store (an append never waits for it, whatever the collector does), writes a batch, waits for the
/// collector's TCP to acknowledge it, and only then advances the cursor in the database: after a failure or a restart
/// the batch is sent again, so delivery is at-least-once and a SIEM de-duplicates by <c>seq</c>. A failed connection
/// is retried with a doubling delay (<see cref="SyslogOptions.ReconnectMinDelay"/> to <see cref="SyslogOptions.ReconnectMaxDelay"/>).
/// </summary>
internal sealed partial class SyslogExporter(
    SyslogOptions options, X509Certificate2Collection? trustedCas, AuditExportCursorStore store, SyslogExportStatus status,
    TimeProvider time, ILogger<SyslogExporter> logger)
{
    private readonly SyslogFormat _format = SyslogFormat.From(options);

    /// <summary>Returns when the lease is lost; throws on cancellation and when the audit store fails (the caller waits and runs it again).</summary>
    public async Task RunAsync(IExportLease lease, CancellationToken cancellationToken)
    {
        var start = await store.ReadAsync(AuditExportCursorStore.Syslog, cancellationToken);
        if (start.Reason == ExportStartReason.CursorMismatch)
        {
            LogCursorMismatch();
        }

        var cursor = start.AfterSequence;
        status.Cursor = cursor;
        status.State = SyslogExportState.Connecting;
        var delay = options.ReconnectMinDelay;
        SyslogConnection? connection = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!await lease.StillHeldAsync(cancellationToken))
                {
                    LogLeaseLost();
                    return;
                }

                // 1. What is new since the cursor.
                var (events, head) = await store.ReadAfterAsync(cursor, options.BatchSize, cancellationToken);
                status.Head = head;
                if (events.Count == 0)
                {
                    await Task.Delay(options.PollInterval, time, cancellationToken);
                    continue;
                }

                // 2. A connection that is open (the collector may have closed it while we were idle).
                if (connection is not { IsOpen: true })
                {
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                    }

                    (connection, var failure) = await TryConnectAsync(cancellationToken);
                    if (connection is null)
                    {
                        delay = await FailedAsync(failure!, delay, cancellationToken);
                        continue;
                    }

                    status.State = SyslogExportState.Connected;
                    LogConnected(options.Host!, options.Port, options.Tls, cursor);
                }

                if (cursor > 0 && events[0].Sequence > cursor + 1)
                {
                    LogPrunedBeforeExport(cursor + 1, events[0].Sequence - 1);
                }

                // 3. The batch, acknowledged, then the cursor.
                var sent = await TrySendAsync(connection, events, cancellationToken);
                if (sent is not null)
                {
                    await connection.DisposeAsync();
                    connection = null;
                    delay = await FailedAsync(sent, delay, cancellationToken);
                    continue;
                }

                delay = options.ReconnectMinDelay;
                var last = events[^1];
                // Delivered: record it even if the host is stopping now, or the next start sends the batch again.
                await store.WriteAsync(AuditExportCursorStore.Syslog, last.Sequence, last.Hash, CancellationToken.None);
                cursor = last.Sequence;
                status.Cursor = cursor;
                BastionInstruments.AuditSyslogExported.Add(events.Count);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task<(SyslogConnection? Connection, string? Failure)> TryConnectAsync(CancellationToken cancellationToken)
    {
        status.State = status.State == SyslogExportState.Failing ? SyslogExportState.Failing : SyslogExportState.Connecting;
        try
        {
            return (await SyslogConnection.OpenAsync(options, trustedCas, cancellationToken), null);
        }
        catch (Exception ex) when (Category(ex, cancellationToken) is { } category)
        {
            LogConnectFailed(options.Host!, options.Port, category, ex.Message);
            return (null, category);
        }
    }

    private async Task<string?> TrySendAsync(SyslogConnection connection, IReadOnlyList<AuditRecord> events, CancellationToken cancellationToken)
    {
        var frames = events.Select(e => SyslogMessage.Frame(e, _format)).ToList();
        try
        {
            await connection.SendAsync(frames, options.SendTimeout, time, cancellationToken);
            return null;
        }
        catch (Exception ex) when (Category(ex, cancellationToken) is { } category)
        {
            LogSendFailed(events[0].Sequence, events[^1].Sequence, category, ex.Message);
            return category;
        }
    }

    private async Task<TimeSpan> FailedAsync(string category, TimeSpan delay, CancellationToken cancellationToken)
    {
        status.State = SyslogExportState.Failing;
        BastionInstruments.AuditSyslogConnectionFailures.Add(1, new KeyValuePair<string, object?>("reason", category));
        await Task.Delay(delay, time, cancellationToken);
        var next = delay * 2;
        return next > options.ReconnectMaxDelay ? options.ReconnectMaxDelay : next;
    }

    /// <summary>The failure's metric tag, or null for what is not a connection failure (our own cancellation, a bug).</summary>
    private static string? Category(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        OperationCanceledException => "timeout",
        AuthenticationException => "tls",
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "refused",
        SocketException { SocketErrorCode: SocketError.TimedOut } => "timeout",
        SocketException => "network",
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut } } => "timeout",
        IOException => "closed",
        _ => null,
    };

    [LoggerMessage(EventId = 2900, Level = LogLevel.Information, Message = "Audit syslog export connected to {Host}:{Port} (TLS {Tls}), sending from sequence {Next}")]
    private partial void LogConnected(string host, int port, bool tls, long next);

    [LoggerMessage(EventId = 2901, Level = LogLevel.Warning, Message = "Audit syslog export could not connect to {Host}:{Port} ({Category}): {Reason}")]
    private partial void LogConnectFailed(string host, int port, string category, string reason);

    [LoggerMessage(EventId = 2902, Level = LogLevel.Warning, Message = "Audit syslog export lost the connection sending events {First}-{Last} ({Category}): {Reason}; they will be sent again")]
    private partial void LogSendFailed(long first, long last, string category, string reason);

    [LoggerMessage(EventId = 2903, Level = LogLevel.Warning, Message = "Audit syslog export: events {First}-{Last} were pruned by retention before they were exported")]
    private partial void LogPrunedBeforeExport(long first, long last);

    [LoggerMessage(EventId = 2904, Level = LogLevel.Warning, Message = "Audit syslog export: the stored cursor does not belong to this audit chain (database restored or replaced?); exporting every kept event again")]
    private partial void LogCursorMismatch();

    [LoggerMessage(EventId = 2905, Level = LogLevel.Information, Message = "Audit syslog export lease lost; another node may export now")]
    private partial void LogLeaseLost();
}
