using System.Net.WebSockets;
using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>
/// The idle and maximum-duration clocks of one session (issue 9), on the injected <see cref="TimeProvider"/>. Input
/// only stores a time stamp; a timer re-reads it when it fires and re-arms itself, so typing never touches a timer.
/// Each clock warns once, <see cref="SessionLimits.WarningLead"/> before it runs out (the idle one again after new
/// input), then ends the session through <c>end</c> (the one <see cref="LiveSession.End"/>). A detached session gets
/// no input, so it is idle like any other.
/// </summary>
internal sealed class SessionLimitClock : IAsyncDisposable
{
    private readonly SessionLimits _limits;
    private readonly TimeProvider _time;
    private readonly Func<SessionEnding, bool> _end;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private Func<LimitWarning, CancellationToken, Task> _warn = (_, _) => Task.CompletedTask;
    private ITimer? _idleTimer;
    private ITimer? _durationTimer;
    private DateTimeOffset _started;
    private long _lastInputTicks;
    private long _idleWarnedFor = -1;
    private bool _durationWarned;
    private bool _stopped;
    private Task _warnings = Task.CompletedTask;

    public SessionLimitClock(SessionLimits limits, TimeProvider time, Func<SessionEnding, bool> end)
    {
        _limits = limits;
        _time = time;
        _end = end;
    }

    /// <summary>Starts both clocks from now; <paramref name="warn"/> tells the attached browsers.</summary>
    public void Start(Func<LimitWarning, CancellationToken, Task> warn)
    {
        lock (_lock)
        {
            _warn = warn;
            _started = _time.GetUtcNow();
            Interlocked.Exchange(ref _lastInputTicks, _started.UtcTicks);
            if (_limits.IdleTimeout > TimeSpan.Zero)
            {
                _idleTimer = _time.CreateTimer(_ => CheckIdle(), null, FirstDue(_limits.IdleTimeout), Timeout.InfiniteTimeSpan);
            }

            if (_limits.MaxDuration > TimeSpan.Zero)
            {
                _durationTimer = _time.CreateTimer(_ => CheckDuration(), null, FirstDue(_limits.MaxDuration), Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Someone typed: the idle clock starts again (read when its timer next fires).</summary>
    public void OnInput() => Interlocked.Exchange(ref _lastInputTicks, _time.GetUtcNow().UtcTicks);

    public async ValueTask DisposeAsync()
    {
        Task warnings;
        lock (_lock)
        {
            _stopped = true;
            _idleTimer?.Dispose();
            _durationTimer?.Dispose();
            warnings = _warnings;
        }

        await _stopping.CancelAsync();
        await warnings;
        _stopping.Dispose();
    }

    private TimeSpan FirstDue(TimeSpan limit) => limit - _limits.WarningLead(limit);

    private void CheckIdle()
    {
        SessionEnding? ending = null;
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var lastInput = Interlocked.Read(ref _lastInputTicks);
            var idleFor = _time.GetUtcNow() - new DateTimeOffset(lastInput, TimeSpan.Zero);
            var next = Next(_limits.IdleTimeout, idleFor, warned: _idleWarnedFor == lastInput, out var warning, out var over);
            if (over)
            {
                ending = SessionEnding.IdleTimeout;
            }
            else
            {
                if (warning is not null)
                {
                    _idleWarnedFor = lastInput;
                    Warn(LimitWarning.IdleSoon(warning.Value));
                }

                _idleTimer?.Change(next, Timeout.InfiniteTimeSpan);
            }
        }

        if (ending is not null)
        {
            _end(ending);
        }
    }

    private void CheckDuration()
    {
        SessionEnding? ending = null;
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var next = Next(_limits.MaxDuration, _time.GetUtcNow() - _started, _durationWarned, out var warning, out var over);
            if (over)
            {
                ending = SessionEnding.MaxDuration;
            }
            else
            {
                if (warning is not null)
                {
                    _durationWarned = true;
                    Warn(LimitWarning.MaxDurationSoon(warning.Value));
                }

                _durationTimer?.Change(next, Timeout.InfiniteTimeSpan);
            }
        }

        if (ending is not null)
        {
            _end(ending);
        }
    }

    /// <summary>One clock's step: over the limit; or inside the warning lead (warn, with the time left, unless done
    /// already) and due again at the limit; or due again when the lead starts.</summary>
    private TimeSpan Next(TimeSpan limit, TimeSpan elapsed, bool warned, out TimeSpan? warning, out bool over)
    {
        warning = null;
        over = elapsed >= limit;
        var lead = _limits.WarningLead(limit);
        if (over)
        {
            return Timeout.InfiniteTimeSpan;
        }

        if (elapsed >= limit - lead)
        {
            if (!warned && lead > TimeSpan.Zero)
            {
                warning = limit - elapsed;
            }

            return limit - elapsed;
        }

        return limit - lead - elapsed;
    }

    /// <summary>Under <see cref="_lock"/>: warnings go out one after the other, each awaited by <see cref="DisposeAsync"/>.</summary>
    private void Warn(LimitWarning warning) => _warnings = SendAfterAsync(_warnings, warning);

    private async Task SendAfterAsync(Task previous, LimitWarning warning)
    {
        await previous;
        try
        {
            await _warn(warning, _stopping.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or WebSocketException)
        {
            // The session is ending or the browser went away: the warning has no one left to tell.
        }
    }
}
