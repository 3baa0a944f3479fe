using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Server.Hosting;
using Telemetry.V1;

namespace Telemetry.Testing;

/// <summary>
/// The collector as it runs in production (the same wiring as Program.cs), in this process, on a given or free
/// loopback gRPC port and free operations and intake ports, against a real Redis; with grpc-dotnet clients to it. A new one can start on the port of one that stopped, as a restarted collector does.
/// </summary>
public sealed class Collector : IAsyncDisposable
{
    public static readonly string HashKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    private readonly WebApplication _app;
    private bool _stopped;

    private Collector(WebApplication app, int grpcPort, int operationsPort, int intakePort, BufferKeyspace keys)
    {
        _app = app;
        GrpcPort = grpcPort;
        Endpoint = new Uri($"http://127.0.0.1:{grpcPort}");
        Channel = GrpcChannel.ForAddress(Endpoint);
        Ingest = new IngestService.IngestServiceClient(Channel);
        Admin = new AdminService.AdminServiceClient(Channel);
        Health = new Health.HealthClient(Channel);
        Operations = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{operationsPort}") };
        Intake = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{intakePort}") };
        Keys = keys;
    }

    public int GrpcPort { get; }

    /// <summary>The gRPC address, for a reporter or a client of another language.</summary>
    public Uri Endpoint { get; }

    public GrpcChannel Channel { get; }

    public IngestService.IngestServiceClient Ingest { get; }

    public AdminService.AdminServiceClient Admin { get; }

    public Health.HealthClient Health { get; }

    public HttpClient Operations { get; }

    /// <summary>A client of the intake endpoint: the vendors' native report paths and <c>/v1/reports</c>.</summary>
    public HttpClient Intake { get; }

    public BufferKeyspace Keys { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<Collector> StartAsync(
        RedisServer redis,
        string keyPrefix,
        IReadOnlyDictionary<string, string?>? settings = null,
        int? grpcPort = null,
        CancellationToken cancellationToken = default)
    {
        var port = grpcPort ?? FreePort.Next();
        var operationsPort = FreePort.Next();
        var intakePort = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        var configuration = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{port}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:Operations:Url"] = $"http://127.0.0.1:{operationsPort}",
            ["Kestrel:Endpoints:Operations:Protocols"] = "Http1",
            ["Kestrel:Endpoints:Intake:Url"] = $"http://127.0.0.1:{intakePort}",
            ["Kestrel:Endpoints:Intake:Protocols"] = "Http1",
            ["Redis:Configuration"] = redis.ConnectionString,
            ["Redis:KeyPrefix"] = keyPrefix,
            ["Privacy:HashKey"] = HashKey,
            // Tests that count buffer entries need them to stay: the uploader runs only where a test asks for it.
            ["Upload:RunInCollector"] = "false",
            ["Upload:Files:Directory"] = Directory.CreateTempSubdirectory("telemetry-reports-").FullName,
            // Each collector keeps its own embedded rollups: DuckDB lets one process at a time open a file.
            ["Insights:DuckDbPath"] = Path.Combine(Directory.CreateTempSubdirectory("telemetry-insights-").FullName, "insights.duckdb"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.AddTelemetryServer();
        var app = builder.Build();
        app.MapTelemetryServer();
        await app.StartAsync(cancellationToken);
        return new Collector(app, port, operationsPort, intakePort, new BufferKeyspace(keyPrefix, 4));
    }

    /// <summary>A key prefix of the test's own, new at every call, so tests sharing a Redis stay apart.</summary>
    public static string KeyPrefixForCurrentTest() =>
        $"test:{(uint)TestContext.CurrentContext.Test.FullName.GetHashCode(StringComparison.Ordinal):x8}:{Guid.NewGuid().ToString("N")[..8]}:";

    /// <summary>The report_ids of every entry in the buffer's streams.</summary>
    public async Task<List<string>> BufferedReportIdsAsync(RedisServer redis) =>
        (await BufferedReportsAsync(redis)).Select(r => r.ReportId).ToList();

    /// <summary>Every report in the buffer's streams, as stored.</summary>
    public async Task<List<UsageReport>> BufferedReportsAsync(RedisServer redis)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var reports = new List<UsageReport>();
        for (var shard = 0; shard < Keys.Shards; shard++)
        {
            foreach (var entry in await database.StreamRangeAsync(Keys.Stream(shard)))
            {
                reports.AddRange(entry.Values.Where(v => v.Name == "report").Select(v => UsageReport.Parser.ParseFrom((byte[])v.Value!)));
            }
        }

        return reports;
    }

    /// <summary>Stops the collector, ending its streams with UNAVAILABLE, and frees its ports.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        Operations.Dispose();
        Intake.Dispose();
        await StopAsync();
    }
}
