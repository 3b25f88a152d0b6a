using Bastion.Core.Ssh;
using Bastion.Core.Validation;
using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Core.Transfer;

/// <summary>
/// One live session's SFTP connection (issue 14): opened on the first file request over the session's own
/// <see cref="SshTarget"/> (same login, pinned key and gateway as its shell), then lent to that session's requests, at
/// most <see cref="TransferOptions.MaxConcurrentPerSession"/> at once (more wait for a place). Before a connection
/// that has not been used for <see cref="TransferOptions.ProbeAfterIdle"/> is lent, one SFTP request checks it:
/// SSH.NET's <c>IsConnected</c> knows only what its receive loop has noticed, not a host that went silent or a
/// channel whose close is still on the way. A dead connection is replaced by one new attempt (whose failure is the
/// request's answer, so nothing loops). Closed after <see cref="TransferOptions.IdleClose"/> without a request, and
/// by <see cref="Dispose"/> when the session ends (requests still running on it then fail and are audited).
/// </summary>
internal sealed partial class SessionSftp : IDisposable
{
    private readonly string _sessionId;
    private readonly Func<CancellationToken, Task<SshConnectionAttempt<SftpClient>>> _open;
    private readonly TransferOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _places;
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly Lock _lock = new();
    private readonly ITimer _idleTimer;
    private SshConnection<SftpClient>? _connection;
    private bool _broken;
    private bool _closed;
    private int _leased;
    private long _lastGood;

    public SessionSftp(string sessionId, Func<CancellationToken, Task<SshConnectionAttempt<SftpClient>>> open, TransferOptions options, TimeProvider time, ILogger logger)
    {
        _sessionId = sessionId;
        _open = open;
        _options = options;
        _time = time;
        _logger = logger;
        _places = new SemaphoreSlim(options.MaxConcurrentPerSession, options.MaxConcurrentPerSession);
        _idleTimer = time.CreateTimer(static state => ((SessionSftp)state!).OnIdle(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A place on the session's connection, opened (or replaced) if need be; or why there is none.</summary>
    public async Task<(SftpLease? Lease, TransferResult Result)> LeaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _places.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, TransferResult.Failed(TransferError.Cancelled, ReplyMessages.FileWaitCancelled));
        }

        lock (_lock)
        {
            _leased++;
            _idleTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        try
        {
            var (connection, result) = await UsableConnectionAsync(cancellationToken);
            if (connection is not null)
            {
                return (new SftpLease(this, connection), result);
            }

            Return(null);
            return (null, result);
        }
        catch
        {
            Return(null);
            throw;
        }
    }

    /// <summary>From <see cref="SftpLease.Dispose"/>: the place is free again; a connection that died meanwhile is
    /// marked, so the next request replaces it without a probe.</summary>
    internal void Return(SshConnection<SftpClient>? connection)
    {
        lock (_lock)
        {
            if (connection is not null && ReferenceEquals(connection, _connection))
            {
                if (IsConnected(connection))
                {
                    _lastGood = _time.GetTimestamp();
                }
                else
                {
                    _broken = true;
                }
            }

            _leased--;
            if (_leased == 0 && !_closed)
            {
                _idleTimer.Change(_options.IdleClose, Timeout.InfiniteTimeSpan);
            }
        }

        _places.Release();
    }

    /// <summary>The session ended: closes the connection now. Requests still using it fail (and are audited).</summary>
    public void Dispose()
    {
        SshConnection<SftpClient>? connection;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            connection = _connection;
            _connection = null;
        }

        _idleTimer.Dispose();
        if (connection is not null)
        {
            LogClosed(_logger, _sessionId, "the session ended");
            connection.Dispose();
        }
    }

    private async Task<(SshConnection<SftpClient>? Connection, TransferResult Result)> UsableConnectionAsync(CancellationToken cancellationToken)
    {
        await _opening.WaitAsync(cancellationToken);
        try
        {
            SshConnection<SftpClient>? current;
            bool broken;
            bool fresh;
            lock (_lock)
            {
                if (_closed)
                {
                    return (null, Ended());
                }

                current = _connection;
                broken = _broken;
                fresh = _time.GetElapsedTime(_lastGood) < _options.ProbeAfterIdle;
            }

            if (current is not null)
            {
                if (!broken && IsConnected(current) && (fresh || await ProbeAsync(current, cancellationToken)))
                {
                    return (current, TransferResult.Done());
                }

                LogReplacing(_logger, _sessionId);
                Drop(current);
            }

            var attempt = await _open(cancellationToken);
            if (attempt.Connection is not { } opened)
            {
                var error = attempt.Failure == ConnectFailure.SubsystemUnavailable ? TransferError.Unavailable : TransferError.HostError;
                return (null, TransferResult.Failed(error, ReplyMessages.FileHostUnreachable(attempt.Message ?? "the host cannot be reached for file transfer"), failure: attempt.Detail));
            }

            opened.Client.ErrorOccurred += (_, _) => MarkBroken(opened);
            lock (_lock)
            {
                if (_closed)
                {
                    opened.Dispose();
                    return (null, Ended());
                }

                _connection = opened;
                _broken = false;
                _lastGood = _time.GetTimestamp();
            }

            LogOpened(_logger, _sessionId);
            return (opened, TransferResult.Done());
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>One cheap SFTP round trip (stat of the home directory) through the channel and sftp-server.</summary>
    private async Task<bool> ProbeAsync(SshConnection<SftpClient> connection, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_options.OperationTimeout);
        try
        {
            await connection.Client.GetAttributesAsync(".", bounded.Token);
            return true;
        }
        catch (Exception ex) when (ex is SshException or ObjectDisposedException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private void MarkBroken(SshConnection<SftpClient> connection)
    {
        lock (_lock)
        {
            if (ReferenceEquals(connection, _connection))
            {
                _broken = true;
            }
        }
    }

    private void Drop(SshConnection<SftpClient> connection)
    {
        lock (_lock)
        {
            if (ReferenceEquals(connection, _connection))
            {
                _connection = null;
            }
        }

        connection.Dispose();
    }

    private void OnIdle() => _ = CloseIdleAsync();

    private async Task CloseIdleAsync()
    {
        await _opening.WaitAsync();
        SshConnection<SftpClient>? idle = null;
        try
        {
            lock (_lock)
            {
                if (!_closed && _leased == 0 && _connection is not null)
                {
                    idle = _connection;
                    _connection = null;
                }
            }
        }
        finally
        {
            _opening.Release();
        }

        if (idle is not null)
        {
            LogClosed(_logger, _sessionId, "no file request came for a while");
            idle.Dispose();
        }
    }

    private static bool IsConnected(SshConnection<SftpClient> connection)
    {
        try
        {
            return connection.Client.IsConnected;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private static TransferResult Ended() => TransferResult.Failed(TransferError.HostError, ReplyMessages.FileSessionEnded);

    [LoggerMessage(EventId = 3400, Level = LogLevel.Debug, Message = "Opened the SFTP connection of session {SessionId}")]
    private static partial void LogOpened(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "The SFTP connection of session {SessionId} died; opening a new one")]
    private static partial void LogReplacing(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Debug, Message = "Closed the SFTP connection of session {SessionId}: {Why}")]
    private static partial void LogClosed(ILogger logger, string sessionId, string why);
}
