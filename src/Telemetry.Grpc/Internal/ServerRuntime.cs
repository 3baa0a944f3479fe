using Microsoft.Extensions.Logging;

namespace Telemetry.Grpc.Internal;

/// <summary>What every call handler of one server shares: options, interceptors and the logger.</summary>
internal sealed class ServerRuntime(GrpcServerOptions options, IReadOnlyList<IServerInterceptor> interceptors, ILogger logger)
{
    public GrpcServerOptions Options { get; } = options;

    public IReadOnlyList<IServerInterceptor> Interceptors { get; } = interceptors;

    public ILogger Logger { get; } = logger;
}
