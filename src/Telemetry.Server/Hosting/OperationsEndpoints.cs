using Telemetry.Ingestion.Diagnostics;
using Telemetry.Server.Diagnostics;
using Telemetry.Upload;

namespace Telemetry.Server.Hosting;

/// <summary>
/// HTTP endpoints for orchestrators and scrapers, served on the operations port (HTTP/1.1): liveness, readiness
/// and Prometheus metrics.
/// </summary>
internal static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (Readiness readiness, IHostApplicationLifetime lifetime) =>
            readiness.IsReady && !lifetime.ApplicationStopping.IsCancellationRequested
                ? Results.Text("ready\n")
                : Results.Text("not ready: the report buffer is unreachable or the collector is stopping\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/metrics", async (HttpContext context, MetricsExporter exporter, UploadMetrics uploadMetrics) =>
        {
            // Rendered to memory first: the exporter writes synchronously, and the response body takes only
            // asynchronous writes.
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            await exporter.WriteAsync(text, context.RequestAborted);
            uploadMetrics.WriteTo(text);
            context.Response.ContentType = MetricsExporter.ContentType;
            await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
        });
    }
}
