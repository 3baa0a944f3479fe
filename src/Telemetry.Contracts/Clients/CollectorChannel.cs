using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using Telemetry.V1;

namespace Telemetry.Contracts.Clients;

/// <summary>
/// gRPC channels to a Telemetry collector, as the reporter SDK and the upstream relay open them: lazy (no socket
/// until the first call), with keep-alive pings on idle connections, more HTTP/2 connections once one reaches the
/// server's stream limit, and unary <c>IngestReports</c> retried on UNAVAILABLE by the channel's retry policy
/// (safe: the collector deduplicates by report_id).
/// </summary>
public static class CollectorChannel
{
    /// <summary>Attempts of one <c>IngestReports</c> call, the first included.</summary>
    public const int IngestAttempts = 3;

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
            ServiceConfig = new ServiceConfig { MethodConfigs = { IngestRetries() } },
        });
    }

    private static MethodConfig IngestRetries() => new()
    {
        Names = { new MethodName { Service = IngestService.Descriptor.FullName, Method = "IngestReports" } },
        RetryPolicy = new RetryPolicy
        {
            MaxAttempts = IngestAttempts,
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
            BackoffMultiplier = 2,
            RetryableStatusCodes = { StatusCode.Unavailable },
        },
    };
}
