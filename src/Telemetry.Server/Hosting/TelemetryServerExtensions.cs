using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telemetry.Ingestion;
using Telemetry.Insights;
using Telemetry.Intake;
using Telemetry.Server.Diagnostics;
using Telemetry.Server.Grpc;
using Telemetry.Upload;
using Telemetry.V1;

namespace Telemetry.Server.Hosting;

/// <summary>Wires the collector: Kestrel endpoints, the gRPC services, the native intake, the ingestion pipeline and operations.</summary>
internal static class TelemetryServerExtensions
{
    /// <summary>Name of the Kestrel endpoint that serves gRPC (HTTP/2).</summary>
    public const string GrpcEndpoint = "Grpc";

    /// <summary>Largest request message, in bytes, unless <c>Grpc:MaxReceiveMessageSize</c> says otherwise.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>How often the health checks run for the gRPC health service's Watch.</summary>
    public static readonly TimeSpan HealthCheckPeriod = TimeSpan.FromSeconds(2);

    public static WebApplicationBuilder AddTelemetryServer(this WebApplicationBuilder builder)
    {
        UseUrlsForGrpcEndpoint(builder.Configuration);
        var addresses = new BoundAddresses();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            KestrelLimits.ApplyDefaults(kestrel, builder.Configuration);
            addresses.Observe(kestrel);
        });

        var services = builder.Services;
        services.AddSingleton(addresses);
        services.AddIngestionPipeline(builder.Configuration);
        services.AddIntake(builder.Configuration);
        services.AddOptions<IngestEndpointOptions>()
            .BindConfiguration(IngestEndpointOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The uploader drains the buffer inside the collector unless it runs as its own process
        // (telemetry-uploader); the data-rights services are needed by the admin methods either way.
        var uploaderInCollector = builder.Configuration.GetValue("Upload:RunInCollector", defaultValue: true);
        if (uploaderInCollector)
        {
            services.AddUploader(builder.Configuration);
        }
        else
        {
            services.AddUploadServices(builder.Configuration);
        }

        // Rollups of what the sink stores, and the questions answered from them.
        services.AddInsights(builder.Configuration);

        AddGrpc(services, builder.Configuration);
        AddHealth(services, uploaderInCollector);
        services.AddCollectorObservability(builder.Configuration);
        return builder;
    }

    public static WebApplication MapTelemetryServer(this WebApplication app)
    {
        app.UseProtobufContentSubtypeOnly();
        app.UseRequestSideDrain();
        app.MapGrpcService<IngestGrpcService>();
        app.MapGrpcService<AdminGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapOperationsEndpoints();
        app.MapInsights();
        var addresses = app.Services.GetRequiredService<BoundAddresses>();
        // The vendors' paths ("/" among them) answer on the intake endpoint only.
        app.MapIntakeEndpoints().AddEndpointFilter((context, next) =>
            addresses.IsIntake(context.HttpContext.Connection.LocalPort) ? next(context) : ValueTask.FromResult<object?>(Results.NotFound()));
        addresses.LogWhenStarted(app);
        return app;
    }

    private static void AddGrpc(IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddGrpc(options => options.MaxReceiveMessageSize = DefaultMaxReceiveMessageSize)
            .AddServiceOptions<AdminGrpcService>(options => options.Interceptors.Add<AdminTokenInterceptor>());
        var renamed = RenamedSettings.Find(configuration);
        services.AddOptions<GrpcServiceOptions>()
            .Bind(configuration.GetSection("Grpc"))
            .Validate(_ => renamed.Count == 0, string.Join(" ", renamed))
            .ValidateOnStart();
        services.AddGrpcReflection();
    }

    /// <summary>
    /// Readiness (Redis connected, collector not stopping; sink reachable and uploaders keeping up, which only degrade
    /// it) as ASP.NET Core health checks, answered by <c>/readyz</c> and by <c>grpc.health.v1.Health</c> for the whole
    /// server and for the ingest service alike.
    /// </summary>
    private static void AddHealth(IServiceCollection services, bool uploaderInCollector)
    {
        services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<BufferConnectionMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<BufferConnectionMonitor>());
        var checks = services.AddHealthChecks()
            .AddCheck<BufferHealthCheck>("buffer", tags: [HealthTags.Ready])
            .AddCheck<StoppingHealthCheck>("stopping", tags: [HealthTags.Ready])
            .AddCheck<UploadLagHealthCheck>("upload-lag", tags: [HealthTags.Ready]);
        if (uploaderInCollector)
        {
            checks.AddCheck<SinkHealthCheck>("sink", tags: [HealthTags.Ready]);
        }

        services.AddGrpcHealthChecks(options =>
        {
            // Check runs the checks when it is called; Watch follows the periodic publisher below.
            options.UseHealthChecksCache = false;
            options.Services.Map(string.Empty, check => check.Tags.Contains(HealthTags.Ready));
            options.Services.Map(IngestService.Descriptor.FullName, check => check.Tags.Contains(HealthTags.Ready));
        });
        services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.Zero;
            options.Period = HealthCheckPeriod;
        });
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
            // Left as it was, the web host would hand the address to Kestrel too, and Kestrel would warn that it
            // overrides the very address it binds. Cleared, the web host would fall back to the value it read at
            // start-up; ";" is a list of no address.
            configuration["urls"] = ";";
        }
    }
}
