using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>
/// The lifecycle limits one session runs under (issue 9): the host's override where it has one, else the global
/// <see cref="TerminalOptions"/> value. Zero means off (unlimited). Pure, so the computation is unit-tested.
/// </summary>
internal sealed record SessionLimits(TimeSpan IdleTimeout, TimeSpan MaxDuration, int MaxSessionsPerUser, TimeSpan Warning)
{
    public static SessionLimits Resolve(TerminalOptions options, HostLimitOverrides? host)
    {
        host ??= HostLimitOverrides.None;
        return new(
            host.IdleTimeoutSeconds is { } idle ? TimeSpan.FromSeconds(idle) : options.IdleTimeout,
            host.MaxDurationSeconds is { } max ? TimeSpan.FromSeconds(max) : options.MaxDuration,
            host.MaxSessionsPerUser ?? options.MaxSessionsPerUser,
            options.LimitWarning);
    }

    public bool HasTimers => IdleTimeout > TimeSpan.Zero || MaxDuration > TimeSpan.Zero;

    /// <summary>How long before <paramref name="limit"/> runs out the terminal is warned: <see cref="Warning"/>, but
    /// at most half the limit, so a short limit still gets its warning after some use rather than at once.</summary>
    public TimeSpan WarningLead(TimeSpan limit) =>
        limit <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(Warning.Ticks, limit.Ticks / 2));

    /// <summary>True when a user running <paramref name="running"/> sessions may open one more.</summary>
    public bool AllowsAnother(int running) => MaxSessionsPerUser <= 0 || running < MaxSessionsPerUser;
}
