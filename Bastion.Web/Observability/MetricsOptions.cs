namespace Bastion.Web.Observability;

/// <summary>The metrics scrape endpoint (<c>Metrics:*</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Serve <see cref="Path"/> at all (default true). Off: no meter provider is built.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where Prometheus scrapes (default <c>/metrics</c>).</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// A secret Prometheus sends as <c>Authorization: Bearer</c> (its <c>authorization.credentials</c>), at least 32
    /// characters. Without it only a signed-in administrator may read the endpoint; nobody anonymous ever can.
    /// </summary>
    public string? ScrapeToken { get; set; }
}
