using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemetry.Reporter.Tests.Infrastructure;
using Telemetry.Reporter.Transport;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Reporter.Tests.Transport;

/// <summary>
/// <see cref="GrpcReportTransport"/> against a real gRPC server that, like an older collector or a proxy without
/// bidirectional streams, answers <c>StreamReports</c> with UNIMPLEMENTED.
/// </summary>
[TestFixture]
public sealed class GrpcReportTransportTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task SendAsync_StreamUnimplemented_FallsBackToUnaryAndSaysSo(CancellationToken cancellationToken)
    {
        // Arrange
        await using var server = await UnaryOnlyCollector.StartAsync();
        server.Answers.Enqueue(_ => Accepted());
        server.Answers.Enqueue(_ => Accepted());
        var logs = new RecordingLoggerFactory();
        await using var transport = new GrpcReportTransport(Options(server.Endpoint, ingestKey: "k-123"), logs.CreateLogger("transport"));

        // Act
        var first = await transport.SendAsync(Report("r1"), cancellationToken);
        var second = await transport.SendAsync(Report("r2"), cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(ReportSendOutcome.Accepted));
            Assert.That(second.Outcome, Is.EqualTo(ReportSendOutcome.Accepted));
            Assert.That(transport.UsesUnaryFallback, Is.True);
            Assert.That(server.ReceivedIds, Is.EqualTo(new[] { "r1", "r2" }));
            Assert.That(server.IngestKeys, Has.All.EqualTo("k-123"));
            Assert.That(logs.EventNames.Count(n => n == "StreamUnsupported"), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task SendAsync_ResourceExhaustedWithPushback_IsRateLimitedForThePushbackDelay(CancellationToken cancellationToken)
    {
        // Arrange
        await using var server = await UnaryOnlyCollector.StartAsync();
        server.Answers.Enqueue(context =>
        {
            context.ResponseTrailers.Add("grpc-retry-pushback-ms", "90000");
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "limited"));
        });
        var logs = new RecordingLoggerFactory();
        await using var transport = new GrpcReportTransport(Options(server.Endpoint), logs.CreateLogger("transport"));

        // Act
        var result = await transport.SendAsync(Report("r1"), cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ReportSendOutcome.RateLimited));
            Assert.That(result.RetryDelay, Is.EqualTo(TimeSpan.FromSeconds(90)));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Constructor_OpensNoConnection(CancellationToken cancellationToken)
    {
        // Arrange: a listening socket configured as the collector.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var options = Options(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"));

        // Act: create and dispose without sending.
        await new GrpcReportTransport(options, new RecordingLoggerFactory().CreateLogger("transport")).DisposeAsync();

        // Assert
        Assert.That(listener.Pending(), Is.False, "connection attempted");
    }

    private static ReportResult Accepted() => new() { Outcome = ReportOutcome.Accepted };

    private static UsageReport Report(string id) => new() { ReportId = id, SchemaVersion = 1 };

    private static TelemetryReporterOptions Options(Uri endpoint, string? ingestKey = null) => new()
    {
        Product = "transporttest",
        Endpoint = endpoint,
        IngestKey = ingestKey,
        RetryMinBackoff = TimeSpan.FromMilliseconds(10),
        RetryMaxBackoff = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>A gRPC server with only unary <c>IngestReports</c>, answering from a queue the test fills.</summary>
    private sealed class UnaryOnlyCollector : IngestService.IngestServiceBase, IAsyncDisposable
    {
        private WebApplication? _app;

        public ConcurrentQueue<Func<ServerCallContext, ReportResult>> Answers { get; } = new();

        public ConcurrentQueue<string> ReceivedIds { get; } = new();

        public ConcurrentQueue<string?> IngestKeys { get; } = new();

        public Uri Endpoint { get; private set; } = null!;

        public static async Task<UnaryOnlyCollector> StartAsync()
        {
            var collector = new UnaryOnlyCollector();
            var port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
                kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
            builder.Services.AddSingleton(collector);
            builder.Services.AddGrpc();
            collector._app = builder.Build();
            collector._app.MapGrpcService<UnaryOnlyCollector>();
            await collector._app.StartAsync();
            collector.Endpoint = new Uri($"http://127.0.0.1:{port}");
            return collector;
        }

        /// <summary>Answers from the queue; <c>StreamReports</c> keeps the generated UNIMPLEMENTED answer.</summary>
        public override Task<IngestReportsResponse> IngestReports(IngestReportsRequest request, ServerCallContext context)
        {
            ReceivedIds.Enqueue(request.Reports[0].ReportId);
            IngestKeys.Enqueue(context.RequestHeaders.GetValue("x-ingest-key"));
            var answer = Answers.TryDequeue(out var next) ? next : (_ => Accepted());
            var result = answer(context);
            result.ReportId = request.Reports[0].ReportId;
            return Task.FromResult(new IngestReportsResponse { Results = { result } });
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }
    }
}
