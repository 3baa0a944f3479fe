using Grpc.Net.Client;

namespace Telemetry.Contracts.Clients;

/// <summary>
/// gRPC channels to a Telemetry collector, as the reporter SDK and the upstream relay open them: lazy (no socket
/// until the first call), with keep-alive pings while calls are open, and more HTTP/2 connections once one reaches
/// the server's stream limit.
/// </summary>
/// <remarks>
/// No channel retry policy: the collector answers RESOURCE_EXHAUSTED with <c>grpc-retry-pushback-ms</c> (minutes
/// when rate limited), and grpc-dotnet 2.85 with a retry policy held such an answer until the call's deadline
/// instead of returning it, although the status was not retryable. The callers retry on their own schedules,
/// which honour the pushback.
/// </remarks>
public static class CollectorChannel
{
    /// <summary>Creates a channel to <paramref name="address"/>; <c>https://</c> uses TLS.</summary>
    public static GrpcChannel ForAddress(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                UseProxy = false,
                AllowAutoRedirect = false,
            },
        });
    }
}
