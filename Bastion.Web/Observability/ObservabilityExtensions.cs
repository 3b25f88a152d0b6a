using Bastion.Core.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Bastion.Web.Observability;

/// <summary>
/// Metrics (OpenTelemetry, scraped by Prometheus at <c>Metrics:Path</c>, guarded by <see cref="MetricsAccess"/>) and
/// health: <c>/healthz</c> answers while the process runs (liveness), <c>/readyz</c> runs every check tagged
/// <see cref="ReadyTag"/> (database, audit store, recordings store; others add theirs with the tag).
/// </summary>
public static class ObservabilityExtensions
{
    public const string ReadyTag = "ready";

    /// <summary>Points (label sets) kept per metric. OpenTelemetry's default of 2000 preallocates 144 KB per metric, 6.6 MB
    /// for the 46 this service exports, before anything is measured (issue 12: RSS of an idle service); Bastion's labels
    /// are bounded by design (no per-user or per-host labels), far below this. A label set beyond it is counted under
    /// OpenTelemetry's overflow label, never lost.</summary>
    public const int MetricPointsPerMetric = 256;

    public static void AddBastionObservability(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<AuditStoreHealthCheck>("audit", tags: [ReadyTag])
            .AddCheck<RecordingStoreHealthCheck>("recordings", tags: [ReadyTag]);

        if (builder.Configuration.GetValue($"{MetricsOptions.SectionName}:{nameof(MetricsOptions.Enabled)}", true))
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(BastionInstruments.MeterName)
                // ASP.NET Core's and Kestrel's own meters: request duration by route and status, connections.
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
                .AddRuntimeInstrumentation()
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MetricPointsPerMetric })
                .AddPrometheusExporter());
        }
    }

    public static void MapBastionObservability(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponse.WriteAsync,
            ResultStatusCodes =
            {
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy] = StatusCodes.Status200OK,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status200OK,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });

        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(options.Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(MetricsAccess.GuardAsync), optionsName: null);
        }
    }
}
