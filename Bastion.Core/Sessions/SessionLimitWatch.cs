using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>
/// One admitted session's limits (issue 9): the tap that reports its input, and the clocks that run while its shell
/// does. Made by <see cref="SessionLimitGuard.AdmitAsync"/>; with no idle timeout and no maximum duration it only
/// passes through.
/// </summary>
internal sealed class SessionLimitWatch
{
    private readonly SessionLimitClock? _clock;
    private readonly TimeSpan _sendTimeout;

    public SessionLimitWatch(LiveSession live, SessionLimits limits, TimeProvider time, TimeSpan sendTimeout)
    {
        Limits = limits;
        _sendTimeout = sendTimeout;
        _clock = limits.HasTimers ? new SessionLimitClock(limits, time, live.End) : null;
    }

    public SessionLimits Limits { get; }

    /// <summary>The session's tap with input reported to the idle clock.</summary>
    public ISessionTap? Tap(ISessionTap? inner) => _clock is null ? inner : new ActivityTap(inner, _clock.OnInput);

    /// <summary><see cref="ShellSession.RunAsync"/> with the clocks running from now until it returns.</summary>
    public async Task<RelayResult> RunAsync(ShellSession shell)
    {
        if (_clock is null)
        {
            return await shell.RunAsync();
        }

        _clock.Start((warning, stopping) => WarnAsync(shell, warning, stopping));
        try
        {
            return await shell.RunAsync();
        }
        finally
        {
            await _clock.DisposeAsync();
        }
    }

    private async Task WarnAsync(ShellSession shell, LimitWarning warning, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_sendTimeout);
        await shell.NotifyAsync(warning.ToJson(), warning.TerminalLine, timeout.Token);
    }
}
