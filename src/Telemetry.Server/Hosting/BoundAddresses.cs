using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Telemetry.Server.Hosting;

/// <summary>
/// The addresses the gRPC and operations endpoints are bound to. They differ from the defaults with <c>--urls</c>,
/// <c>Kestrel:Endpoints:Operations:Url</c> or port 0, so the collector logs them once it listens instead of anyone
/// printing the defaults.
/// </summary>
internal sealed partial class BoundAddresses
{
    /// <summary>Name of the Kestrel endpoint that serves <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> (HTTP/1.1).</summary>
    public const string OperationsEndpoint = "Operations";

    private ListenOptions? _grpc;
    private ListenOptions? _operations;

    /// <summary>The gRPC endpoint's address, such as <c>http://127.0.0.1:50051</c>; null before the server starts.</summary>
    public string? Grpc => _grpc?.ToString();

    /// <summary>The operations endpoint's address; null before the server starts.</summary>
    public string? Operations => _operations?.ToString();

    /// <summary>
    /// Keeps the listen options Kestrel creates for the two configured endpoints: Kestrel writes the port it bound
    /// into them, which also resolves port 0.
    /// </summary>
    public void Observe(KestrelServerOptions kestrel) =>
        kestrel.ConfigurationLoader?
            .Endpoint(TelemetryServerExtensions.GrpcEndpoint, endpoint => _grpc = endpoint.ListenOptions)
            .Endpoint(OperationsEndpoint, endpoint => _operations = endpoint.ListenOptions);

    /// <summary>Logs both addresses once the server listens.</summary>
    public void LogWhenStarted(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Telemetry.Server");
        app.Lifetime.ApplicationStarted.Register(() => Log.Listening(logger, Grpc ?? "none", Operations ?? "none"));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, EventName = "Listening", Level = LogLevel.Information,
            Message = "Listening: gRPC on {GrpcAddress} (HTTP/2), operations on {OperationsAddress} (/healthz, /readyz, /metrics)")]
        public static partial void Listening(ILogger logger, string grpcAddress, string operationsAddress);
    }
}
