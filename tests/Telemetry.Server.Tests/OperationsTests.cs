using Grpc.Core;
using Grpc.Health.V1;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>Liveness, readiness and gRPC health reflect the collector and its Redis.</summary>
[TestFixture]
public sealed class OperationsTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Readiness_RedisStoppedAndStarted_FollowsRedis(CancellationToken cancellationToken)
    {
        // Arrange
        await using var redis = await RedisServer.StartAsync(cancellationToken);
        await using var collector = await Collector.StartAsync(redis, "readiness:", cancellationToken: cancellationToken);
        var ingest = IngestServiceReflection.Descriptor.Services[0].FullName;

        // Act
        var readyAtStart = await WaitForAsync(collector, ingest, ready: true, cancellationToken);
        await redis.StopAsync();
        var notReadyWhileDown = await WaitForAsync(collector, ingest, ready: false, cancellationToken);
        var live = await collector.Operations.GetAsync("/healthz", cancellationToken);
        await redis.StartAgainAsync(cancellationToken);
        var readyAgain = await WaitForAsync(collector, ingest, ready: true, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(readyAtStart, Is.True);
            Assert.That(notReadyWhileDown, Is.True);
            Assert.That((int)live.StatusCode, Is.EqualTo(200), "liveness does not depend on Redis");
            Assert.That(readyAgain, Is.True);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Readiness_BufferedReportOlderThanLagThreshold_DegradedButServing(CancellationToken cancellationToken)
    {
        // Arrange: no uploader drains the buffer.
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), new Dictionary<string, string?>
        {
            ["Health:UploadLagThreshold"] = "00:00:01",
            ["Metrics:BufferInterval"] = "00:00:00.100",
        }, cancellationToken: cancellationToken);
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } }, new CallOptions(cancellationToken: cancellationToken));
        var freshBody = await collector.Operations.GetStringAsync(new Uri("/readyz", UriKind.Relative), cancellationToken);

        // Act
        string body;
        do
        {
            await Task.Delay(100, cancellationToken);
            body = await collector.Operations.GetStringAsync(new Uri("/readyz", UriKind.Relative), cancellationToken);
        }
        while (!body.StartsWith("degraded", StringComparison.Ordinal));
        var health = await collector.Health.CheckAsync(new HealthCheckRequest(), new CallOptions(cancellationToken: cancellationToken));

        // Assert: GetStringAsync throws unless /readyz answers 200.
        Assert.Multiple(() =>
        {
            Assert.That(freshBody, Is.EqualTo("ok\n"));
            Assert.That(body, Does.Contain("the uploaders lag"));
            Assert.That(health.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
        });
    }

    /// <summary>Polls /readyz and the gRPC health of the ingest service until both say <paramref name="ready"/>.</summary>
    private static async Task<bool> WaitForAsync(Collector collector, string service, bool ready, CancellationToken cancellationToken)
    {
        var expected = ready ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var readiness = await collector.Operations.GetAsync("/readyz", cancellationToken);
            var health = await collector.Health.CheckAsync(new HealthCheckRequest { Service = service }, new CallOptions(cancellationToken: cancellationToken));
            if (readiness.IsSuccessStatusCode == ready && health.Status == expected)
            {
                return true;
            }

            await Task.Delay(50, cancellationToken);
        }

        return false;
    }
}
