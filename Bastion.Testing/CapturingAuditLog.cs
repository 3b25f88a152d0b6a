using System.Collections.Concurrent;
using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Testing;

/// <summary>An <see cref="IAuditLog"/> that keeps events in memory (registered by tests after Bastion's own).</summary>
internal sealed class CapturingAuditLog : IAuditLog
{
    private readonly ConcurrentQueue<AuditEvent> _events = new();

    public IReadOnlyList<AuditEvent> Events => [.. _events];

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(auditEvent);
        return Task.CompletedTask;
    }

    public string AllText() => string.Join("\n", _events.Select(e => JsonSerializer.Serialize(e)));
}
