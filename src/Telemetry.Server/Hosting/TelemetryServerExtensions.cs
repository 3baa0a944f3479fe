using Telemetry.Grpc;
using Telemetry.Ingestion;
using Telemetry.Server.Diagnostics;
using Telemetry.Server.Grpc;
using Telemetry.Upload;
using Telemetry.V1;

namespace Telemetry.Server.Hosting;

/// <summary>Wires the collector: Kestrel endpoints, the gRPC services, the ingestion pipeline and operations.</summary>
internal static class TelemetryServerExtensions
{
    /// <summary>Name of the Kestrel endpoint that serves gRPC (HTTP/2).</summary>
    public const string GrpcEndpoint = "Grpc";

    public static WebApplicationBuilder AddTelemetryServer(this WebApplicationBuilder builder)
    {
        UseUrlsForGrpcEndpoint(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Larger HTTP/2 windows than Kestrel's defaults let a long report stream upload without waiting for
            // window updates; flow control still stops a sender whose reports are not being read.
            kestrel.Limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 2 * 1024 * 1024;
        });

        var services = builder.Services;
        services.AddIngestionPipeline(builder.Configuration);
        services.AddOptions<IngestEndpointOptions>()
            .BindConfiguration(IngestEndpointOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The uploader drains the buffer inside the collector unless it runs as its own process
        // (telemetry-uploader); the data-rights services are needed by the admin methods either way.
        if (builder.Configuration.GetValue("Upload:RunInCollector", defaultValue: true))
        {
            services.AddUploader(builder.Configuration);
        }
        else
        {
            services.AddUploadServices(builder.Configuration);
        }

        services.AddGrpcServer(options => builder.Configuration.GetSection(GrpcServerOptions.SectionName).Bind(options))
            .AddService<IngestGrpcService>(IngestServiceReflection.Descriptor.Services[0])
            .AddService<AdminGrpcService>(AdminServiceReflection.Descriptor.Services[0])
            .AddHealth()
            .AddReflection();
        services.AddHostedService<BufferHealthMonitor>();
        services.AddSingleton<Readiness>();
        return builder;
    }

    public static WebApplication MapTelemetryServer(this WebApplication app)
    {
        app.MapGrpcServer();
        app.MapOperationsEndpoints();
        return app;
    }

    /// <summary>
    /// <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) sets the address of the gRPC endpoint; the operations endpoint keeps
    /// its own (<c>Kestrel:Endpoints:Operations:Url</c>). Without this, Kestrel would ignore <c>--urls</c> because
    /// named endpoints are configured.
    /// </summary>
    private static void UseUrlsForGrpcEndpoint(ConfigurationManager configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            configuration[$"Kestrel:Endpoints:{GrpcEndpoint}:Url"] = urls;
        }
    }
}
