using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Telemetry.Ingestion.Diagnostics;
using Telemetry.Insights;
using Telemetry.Upload;

namespace Telemetry.Server.Hosting;

/// <summary>
/// The collector's metrics and traces through OpenTelemetry: its own meters and activity sources (ingestion,
/// buffer, uploader) and those of ASP.NET Core and Kestrel (gRPC calls included), HttpClient (the upstream sink's
/// grpc-dotnet client), the .NET runtime and Npgsql. Metrics are
/// scraped at <c>/metrics</c> on the operations port; metrics, traces and logs go over OTLP too when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the other standard <c>OTEL_*</c> settings). Traces
/// are recorded only then, so a collector that exports none spends nothing on them.
/// </summary>
internal static class CollectorObservability
{
    /// <summary>The <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "telemetry-collector";

    /// <summary>
    /// Meters of the libraries the collector is built on. gRPC calls are HTTP requests to ASP.NET Core, so its
    /// <c>http.server.request.duration</c> measures them by method (<c>http.route</c>); the upstream sink's calls are
    /// HttpClient's <c>http.client.request.duration</c>.
    /// </summary>
    public static readonly string[] LibraryMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
        "Npgsql",
    ];

    /// <summary>
    /// The series each stream of the libraries' meters may hold. OpenTelemetry sets aside room for a stream's limit
    /// when it creates the stream, about 90 bytes a series: at its default of 2,000 that is 9 MiB for the collector's
    /// fifty streams. The libraries' attributes (routes, status codes, protocols, GC generations) make a few dozen
    /// series; the collector's own streams keep the default, since a shard (up to 1,024) or a field path is among
    /// their attributes.
    /// </summary>
    public const int LibraryStreamCardinalityLimit = 512;

    private static readonly string[] OperationsPaths = ["/metrics", "/healthz", "/readyz"];

    public static IServiceCollection AddCollectorObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(IngestionMetrics.MeterName, UploadMetrics.MeterName, RawReportRetention.MeterName)
                .AddMeter(LibraryMeters)
                .AddView(instrument => LibraryMeters.Contains(instrument.Meter.Name, StringComparer.Ordinal)
                    ? new MetricStreamConfiguration { CardinalityLimit = LibraryStreamCardinalityLimit }
                    : null)
                .AddPrometheusExporter());
        if (otlp)
        {
            builder.WithTracing(tracing => tracing
                // Npgsql's commands and the upstream sink's calls (grpc-dotnet over HttpClient) start their own activities.
                .AddSource(IngestionTracing.Source.Name, UploadTracing.Source.Name, "Npgsql", "System.Net.Http")
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !OperationsPaths.Contains(context.Request.Path.Value, StringComparer.Ordinal)));
            builder.UseOtlpExporter();
        }

        return services;
    }
}
