using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bastion.Web.Observability;

/// <summary>The body of <c>/readyz</c>: the overall status and each check's status and short reason, no exception
/// text (which could carry a connection string or a path an operator did not mean to publish).</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new Dictionary<string, object>
        {
            ["status"] = Name(report.Status),
            ["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new Dictionary<string, string?> { ["status"] = Name(e.Value.Status), ["description"] = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
