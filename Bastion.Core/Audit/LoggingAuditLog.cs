using Microsoft.Extensions.Logging;

namespace Bastion.Core.Audit;

/// <summary>Stand-in until the audit store exists (issue #4): every event becomes one Information log line. Audit
/// data never holds secrets, so it may be logged.</summary>
internal sealed partial class LoggingAuditLog(ILogger<LoggingAuditLog> logger) : IAuditLog
{
    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var data = string.Join(", ", auditEvent.Data.Select(kv => $"{kv.Key}={kv.Value}"));
            LogEvent(auditEvent.Type, auditEvent.Actor, auditEvent.HostId, data);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Audit {Type} by {Actor} (host {HostId}): {Data}")]
    private partial void LogEvent(string type, string? actor, Guid? hostId, string data);
}
