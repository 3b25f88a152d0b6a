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
}
