using Grpc.Health.V1;
using Grpc.Net.Client;
using Telemetry.V1;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// One HTTP/2 connection to the collector and the clients the phases call through it. The channel's handler never
/// opens a second connection (the load stays below the collector's 100 streams per connection), so N of these are N
/// connections, as <c>--connections</c> says; <see cref="Telemetry.Contracts.Clients.CollectorChannel"/> would add
/// connections and retry calls, which would blur what is measured.
/// </summary>
internal sealed class CollectorConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public CollectorConnection(Uri address)
    {
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = false,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                UseProxy = false,
                AllowAutoRedirect = false,
            },
        });
        Ingest = new IngestService.IngestServiceClient(_channel);
        Health = new Health.HealthClient(_channel);
    }

    public IngestService.IngestServiceClient Ingest { get; }

    public Health.HealthClient Health { get; }

    public void Dispose() => _channel.Dispose();
}
