using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telemetry.Server.Diagnostics;

namespace Telemetry.Server.Hosting;

/// <summary>
/// HTTP endpoints for orchestrators and scrapers, served on the operations port (HTTP/1.1): liveness, readiness
/// and Prometheus metrics. Readiness runs the same health checks as the gRPC health service.
/// </summary>
internal static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this WebApplication app)
    {
        // Liveness: the process answers and its live checks pass. None depends on Redis, so an outage does not
        // restart the collector.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Live), ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteAsync });
        // The OpenTelemetry meter provider's Prometheus exporter renders every meter the collector listens to.
        app.MapPrometheusScrapingEndpoint("/metrics");
    }

    /// <summary>One line: <c>ok</c>, or the status and the description of every check that is not healthy.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (report.Status == HealthStatus.Healthy)
        {
            return context.Response.WriteAsync("ok\n");
        }

        var reasons = report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy).Select(e => e.Description);
        return context.Response.WriteAsync($"{report.Status.ToString().ToLowerInvariant()}: {string.Join("; ", reasons)}\n");
    }
}
