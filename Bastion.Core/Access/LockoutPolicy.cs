namespace Bastion.Core.Access;

/// <summary>The lockout arithmetic, free of storage: when an account locks and for how long (issue 11: the first
/// lock <c>LockoutDuration</c>, doubling with each further lock, at most <c>LockoutMaxDuration</c>).</summary>
internal static class LockoutPolicy
{
    /// <summary>Rows whose last failure is older than this, and which are not locked, are forgotten.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    /// <summary>The length of the <paramref name="lockNumber"/>-th lock (1 = the first).</summary>
    public static TimeSpan Duration(int lockNumber, TimeSpan first, TimeSpan max)
    {
        var exponent = Math.Clamp(lockNumber - 1, 0, 30);
        var ticks = first.Ticks * Math.Pow(2, exponent);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Time left on a lock at <paramref name="now"/>, or null when the account is not locked.</summary>
    public static TimeSpan? Remaining(AccountLockout? row, DateTimeOffset now) =>
        row?.LockedUntil is { } until && until > now ? until - now : null;

    /// <summary>Counts one failure at <paramref name="now"/>; locks the account when it reaches the threshold.
    /// Returns the new lock's length, or null when the account stays open.</summary>
    public static TimeSpan? RecordFailure(AccountLockout row, DateTimeOffset now, AccountSecurityOptions options)
    {
        if (row.LockedUntil is { } until && until <= now)
        {
            row.LockedUntil = null; // a lock that ran out starts a new count, but keeps its number for the backoff
        }

        row.LastFailureAt = now;
        row.Failures++;
        if (row.Failures < options.LockoutThreshold)
        {
            return null;
        }

        row.Locks++;
        row.Failures = 0;
        var duration = Duration(row.Locks, options.LockoutDuration, options.LockoutMaxDuration);
        row.LockedUntil = now + duration;
        return duration;
    }
}
