using System.Diagnostics;
using Bastion.Core.Telemetry;

namespace Bastion.Core.Audit;

/// <summary>Counts and times every append on its way to the real log (the metrics for audit latency, events by type
/// and logins), and changes nothing else: the inner log's result and exceptions pass through.</summary>
internal sealed class MeteredAuditLog(IAuditLog inner) : IAuditLog
{
    private static readonly KeyValuePair<string, object?> Succeeded = new("outcome", "succeeded");
    private static readonly KeyValuePair<string, object?> Failed = new("outcome", "failed");
    private static readonly HashSet<string> KnownTypes = new(AuditEventTypes.All, StringComparer.Ordinal);

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.AppendAsync(auditEvent, cancellationToken);
        }
        catch
        {
            BastionInstruments.AuditAppendFailures.Add(1);
            throw;
        }

        BastionInstruments.AuditAppendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);

        // Only known types become a tag value, so a bug elsewhere cannot grow the series without bound.
        var type = KnownTypes.Contains(auditEvent.Type) ? auditEvent.Type : "other";
        BastionInstruments.AuditEvents.Add(1, new KeyValuePair<string, object?>("type", type));
        if (auditEvent.Type == AuditEventTypes.LoginSucceeded)
        {
            BastionInstruments.Logins.Add(1, Succeeded);
        }
        else if (auditEvent.Type == AuditEventTypes.LoginFailed)
        {
            BastionInstruments.Logins.Add(1, Failed);
        }
    }
}
