using Grpc.Core;
using Grpc.Health.V1;
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
