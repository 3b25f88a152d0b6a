namespace Bastion.Web.Auth;

/// <summary>Token settings (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public const string Issuer = "bastion";

    public const string Audience = "bastion";

    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes. Empty: generated once and kept in the data directory.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Login attempts allowed per client address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 30;
}
