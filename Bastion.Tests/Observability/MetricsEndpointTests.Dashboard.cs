using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bastion.Core.Telemetry;

namespace Bastion.Tests.Observability;

/// <summary>docs/grafana's dashboard names only metrics that exist: Bastion's own by its instruments (one that has
/// counted nothing yet is not in a scrape), the runtime's and ASP.NET Core's by a scrape.</summary>
public sealed partial class MetricsEndpointTests
{
    private static readonly string[] SeriesSuffixes = ["_bucket", "_count", "_sum"];

    [Fact]
    public async Task TheGrafanaDashboard_NamesOnlyMetricsThatAreExported()
    {
        var instruments = BastionPrometheusNames();
        var scraped = SeriesLine().Matches(await ScrapeTextAsync(ScrapeToken)).Select(m => BaseName(m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal);
        // The names derived from the instruments are the exporter's: every Bastion series a scrape shows is one of them.
        Assert.All(scraped.Where(n => n.StartsWith("bastion_", StringComparison.Ordinal)), n => Assert.Contains(n, instruments));

        var named = DashboardMetricNames();
        Assert.True(named.Count >= 10, string.Join(", ", named));
        Assert.Contains("bastion_relay_output_wakes_deferred_total", named);
        Assert.Contains("bastion_relay_output_wake_timer_ticks_total", named);
        var missing = named.Where(n => n.StartsWith("bastion_", StringComparison.Ordinal) ? !instruments.Contains(n) : !scraped.Contains(n)).ToList();
        Assert.True(missing.Count == 0, $"the dashboard names metrics that are not exported: {string.Join(", ", missing)}");
    }

    /// <summary>Each Bastion instrument as the Prometheus exporter names it: dots become underscores, the unit <c>s</c>
    /// or <c>By</c> a suffix unless the name ends with it already (a <c>{annotation}</c> none), and a counter ends in
    /// <c>_total</c>.</summary>
    private static HashSet<string> BastionPrometheusNames() =>
        typeof(BastionInstruments).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<Instrument>()
            .Select(i => WithSuffix(WithSuffix(i.Name.Replace('.', '_'), i.Unit switch { "s" => "_seconds", "By" => "_bytes", _ => "" }),
                i.GetType().GetGenericTypeDefinition() is var t && (t == typeof(Counter<>) || t == typeof(ObservableCounter<>)) ? "_total" : ""))
            .ToHashSet(StringComparer.Ordinal);

    private static string WithSuffix(string name, string suffix) => name.EndsWith(suffix, StringComparison.Ordinal) ? name : name + suffix;

    /// <summary>Every metric a panel's query selects (<c>name{…}</c>), histogram series by their base name.</summary>
    private static HashSet<string> DashboardMetricNames()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "grafana", "bastion-dashboard.json")));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.TryGetProperty("targets", out var targets) ? targets.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .SelectMany(t => Selector().Matches(t.GetProperty("expr").GetString()!).Select(m => BaseName(m.Groups[1].Value)))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string BaseName(string series) =>
        SeriesSuffixes.FirstOrDefault(s => series.EndsWith(s, StringComparison.Ordinal)) is { } suffix ? series[..^suffix.Length] : series;

    [GeneratedRegex(@"([a-zA-Z_:][a-zA-Z0-9_:]*)\{")]
    private static partial Regex Selector();
}
