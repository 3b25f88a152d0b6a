using Bastion.Core.Ssh;
using Bastion.Core.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Transfer;

/// <summary>
/// The SFTP connections of this node's live sessions, one per session (<see cref="SessionSftp"/>), made on a
/// session's first file request. Each is closed when its session ends (the shell session's <c>Ending</c>, which every
/// way of ending completes) and all of them when the node stops.
/// </summary>
internal sealed class SftpSessions(SftpConnector connector, IOptions<TransferOptions> options, TimeProvider time, ILogger<SftpSessions> logger) : IDisposable
{
    private readonly Dictionary<string, SessionSftp> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>How many sessions hold an SFTP connection entry now (open or closed for idleness).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>A place on the session's SFTP connection over <paramref name="target"/>; <paramref name="sessionEnded"/>
    /// completes when the session ends, which closes the connection.</summary>
    public Task<(SftpLease? Lease, TransferResult Result)> LeaseAsync(string sessionId, SshTarget target, Task sessionEnded, CancellationToken cancellationToken)
    {
        SessionSftp? session;
        lock (_lock)
        {
            if (_disposed || sessionEnded.IsCompleted)
            {
                return Task.FromResult<(SftpLease?, TransferResult)>((null, TransferResult.Failed(TransferError.HostError, ReplyMessages.FileSessionEnded)));
            }

            if (!_sessions.TryGetValue(sessionId, out session))
            {
                var value = options.Value;
                session = new SessionSftp(sessionId, ct => connector.ConnectAsync(target, value.OperationTimeout, ct), value, time, logger);
                _sessions[sessionId] = session;
                var created = session;
                sessionEnded.ContinueWith(_ => End(sessionId, created), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }

        return session.LeaseAsync(cancellationToken);
    }

    public void Dispose()
    {
        List<SessionSftp> all;
        lock (_lock)
        {
            _disposed = true;
            all = [.. _sessions.Values];
            _sessions.Clear();
        }

        foreach (var session in all)
        {
            session.Dispose();
        }
    }

    private void End(string sessionId, SessionSftp session)
    {
        lock (_lock)
        {
            if (_sessions.TryGetValue(sessionId, out var current) && ReferenceEquals(current, session))
            {
                _sessions.Remove(sessionId);
            }
        }

        session.Dispose();
    }
}
