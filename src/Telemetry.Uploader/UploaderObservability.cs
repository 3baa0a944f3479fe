using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;
using Telemetry.Upload;

namespace Telemetry.Uploader;

/// <summary>
/// The uploader's metrics and traces (its own, the .NET runtime's, Npgsql's and the upstream sink's gRPC client
/// calls) over OTLP, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the exporter reads the other standard
/// <c>OTEL_*</c> settings. The process serves no HTTP, so there is no scrape endpoint: point Prometheus at an
/// OpenTelemetry Collector, or use Prometheus's own OTLP receiver.
/// </summary>
internal static class UploaderObservability
{
    /// <summary>The <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "telemetry-uploader";

    public static IServiceCollection AddUploaderObservability(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithMetrics(metrics => metrics.AddMeter(UploadMetrics.MeterName, "System.Net.Http", "System.Runtime", "Npgsql"))
            .WithTracing(tracing => tracing.AddSource(UploadTracing.Source.Name, "Npgsql", "System.Net.Http"))
            .UseOtlpExporter();
        return services;
    }
}
