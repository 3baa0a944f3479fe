using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Telemetry.Server.Hosting;

/// <summary>
/// The addresses the gRPC, operations and intake endpoints are bound to. They differ from the defaults with
/// <c>--urls</c>, <c>Kestrel:Endpoints:&lt;name&gt;:Url</c> or port 0, so the collector logs them once it listens
/// instead of anyone printing the defaults.
/// </summary>
internal sealed partial class BoundAddresses
{
    /// <summary>Name of the Kestrel endpoint that serves <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> (HTTP/1.1).</summary>
    public const string OperationsEndpoint = "Operations";

    /// <summary>Name of the Kestrel endpoint that serves the vendors' native reports and <c>/v1/reports</c> (HTTP/1.1).</summary>
    public const string IntakeEndpoint = "Intake";

    private ListenOptions? _grpc;
    private ListenOptions? _operations;
    private ListenOptions? _intake;

    /// <summary>The gRPC endpoint's address, such as <c>http://127.0.0.1:50051</c>; null before the server starts.</summary>
    public string? Grpc => _grpc?.ToString();

    /// <summary>The operations endpoint's address; null before the server starts.</summary>
    public string? Operations => _operations?.ToString();

    /// <summary>The intake endpoint's address; null before the server starts or when no intake endpoint is configured.</summary>
    public string? Intake => _intake?.ToString();

    /// <summary>Whether a connection accepted on <paramref name="localPort"/> came in through the intake endpoint.</summary>
    public bool IsIntake(int localPort) => _intake?.IPEndPoint?.Port is { } port && port == localPort;

    /// <summary>
    /// Keeps the listen options Kestrel creates for the configured endpoints: Kestrel writes the port it bound
    /// into them, which also resolves port 0.
    /// </summary>
    public void Observe(KestrelServerOptions kestrel) =>
        kestrel.ConfigurationLoader?
            .Endpoint(TelemetryServerExtensions.GrpcEndpoint, endpoint => _grpc = endpoint.ListenOptions)
            .Endpoint(OperationsEndpoint, endpoint => _operations = endpoint.ListenOptions)
            .Endpoint(IntakeEndpoint, endpoint => _intake = endpoint.ListenOptions);

    /// <summary>Logs the addresses once the server listens.</summary>
    public void LogWhenStarted(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Telemetry.Server");
        app.Lifetime.ApplicationStarted.Register(() => Log.Listening(logger, Grpc ?? "none", Operations ?? "none", Intake ?? "none"));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, EventName = "Listening", Level = LogLevel.Information,
            Message = "Listening: gRPC on {GrpcAddress} (HTTP/2), operations on {OperationsAddress} (/healthz, /readyz, /metrics), intake on {IntakeAddress} (vendor reports, /v1/reports)")]
        public static partial void Listening(ILogger logger, string grpcAddress, string operationsAddress, string intakeAddress);
    }
}
