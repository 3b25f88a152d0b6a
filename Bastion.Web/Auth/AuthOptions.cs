namespace Bastion.Web.Auth;

/// <summary>Token settings (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public const string Issuer = "bastion";

    public const string Audience = "bastion";

    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes. Empty: generated once and kept in the data directory.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long one access token lives; the page renews it with its refresh cookie before it runs out.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A login that made no request for this long is signed out (and its terminals end).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A login ends this long after sign-in, whatever the activity.</summary>
    public TimeSpan MaxLoginDuration { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Login attempts allowed per client address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 30;
}
