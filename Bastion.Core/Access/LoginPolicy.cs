namespace Bastion.Core.Access;

/// <summary>How long a login lives: <see cref="IdleTimeout"/> without a request, <see cref="MaxDuration"/> in all. The
/// web host builds it from <c>Auth:IdleTimeout</c> and <c>Auth:MaxLoginDuration</c>.</summary>
internal sealed record LoginPolicy(TimeSpan IdleTimeout, TimeSpan MaxDuration)
{
    /// <summary>A used refresh token presented again within this time of its use is a second tab that raced the first
    /// (both sent the same cookie), not a thief: it gets an access token but no new refresh token.</summary>
    public static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(10);

    /// <summary>How stale <see cref="Login.LastSeenAt"/> may get before a request writes it again: a twentieth of the
    /// idle timeout, at most a minute, so that requests do not each write the database.</summary>
    public TimeSpan TouchInterval => TimeSpan.FromTicks(Math.Min(IdleTimeout.Ticks / 20, TimeSpan.FromMinutes(1).Ticks));

    /// <summary>Null while <paramref name="login"/> is live at <paramref name="now"/>; otherwise why it is over.</summary>
    public string? EndOf(Login login, DateTimeOffset now) =>
        login.EndedAt is not null ? login.EndReason ?? LoginEndReasons.Logout
        : now >= login.ExpiresAt ? LoginEndReasons.Expired
        : now - login.LastSeenAt >= IdleTimeout ? LoginEndReasons.Idle
        : null;
}
