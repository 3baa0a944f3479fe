using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Telemetry.Upload;

namespace Telemetry.Uploader;

/// <summary>
/// What an operator scrapes and probes on a <c>telemetry-uploader</c> process: Prometheus metrics at
/// <c>/metrics</c> (its own meter, the .NET runtime's, HttpClient's for the upstream sink and Npgsql's) and liveness
/// at <c>/healthz</c>, on an HTTP/1.1 endpoint of its own (<c>Kestrel:Endpoints:Operations:Url</c>, by default
/// <see cref="DefaultUrl"/>, one port above the collector's). Metrics and traces also go over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the exporter reads the other standard <c>OTEL_*</c> settings.
/// </summary>
internal static class UploaderOperations
{
    /// <summary>The <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "telemetry-uploader";

    /// <summary>Where the operations endpoint listens unless configured: loopback only, like the collector's.</summary>
    public const string DefaultUrl = "http://127.0.0.1:9465";

    private const string EndpointSection = "Kestrel:Endpoints:Operations";

    public static WebApplicationBuilder AddUploaderOperationsEndpoint(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        configuration[$"{EndpointSection}:Url"] ??= DefaultUrl;
        configuration[$"{EndpointSection}:Protocols"] ??= "Http1";

        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(UploadMetrics.MeterName, "System.Net.Http", "System.Runtime", "Npgsql")
                .AddPrometheusExporter());
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(UploadTracing.Source.Name, "Npgsql", "System.Net.Http"));
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    public static WebApplication MapUploaderOperationsEndpoint(this WebApplication app)
    {
        // Liveness only: whether the process answers. Redis or sink outages show in the metrics and logs; the
        // uploader retries them itself, so a restart would not help.
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
