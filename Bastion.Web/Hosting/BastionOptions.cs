namespace Bastion.Web.Hosting;

/// <summary>Service-wide settings (configuration section <c>Bastion</c>).</summary>
public sealed class BastionOptions
{
    public const string SectionName = "Bastion";

    /// <summary>Where the database, keys and recordings live. <c>BASTION_DATA_DIR</c>, else <c>./data</c>.</summary>
    public string DataDir { get; set; } = "";

    /// <summary>Origins allowed to open terminal WebSockets, e.g. <c>https://bastion.example.com</c>. Empty means
    /// only the service's own origin (scheme and host of the request).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Reverse proxies (addresses like <c>10.0.0.5</c> or networks like <c>10.0.0.0/24</c>) whose
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. Empty: the headers are ignored, and the client
    /// address is the TCP peer's.</summary>
    public List<string> TrustedProxies { get; set; } = [];
}
