using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Telemetry.Testing;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Telemetry.Server.Tests;

/// <summary>gRPC health follows the Redis connection at once, for Check and for Watch alike.</summary>
[TestFixture]
public sealed class RedisHealthTests
{
    /// <summary>
    /// How soon NOT_SERVING must follow a killed Redis. Far below the health publisher's period (2 s), so Watch
    /// passes only when the connection failure itself publishes.
    /// </summary>
    private static readonly TimeSpan Promptly = TimeSpan.FromMilliseconds(500);

    [Test]
    [CancelAfter(60_000)]
    public async Task Health_RedisKilled_AnswersNotServingPromptly(CancellationToken cancellationToken)
    {
        // Arrange
        await using var redis = await RedisServer.StartAsync(cancellationToken);
        await using var collector = await Collector.StartAsync(redis, "health:", cancellationToken: cancellationToken);
        using var watch = collector.Health.Watch(new HealthCheckRequest(), cancellationToken: cancellationToken);
        await WaitForAsync(watch, ServingStatus.Serving, cancellationToken);

        // Act: Watch alone first (a Check runs the checks, which could update what Watch sees), then Check.
        var killed = Stopwatch.StartNew();
        await redis.StopAsync();
        await WaitForAsync(watch, ServingStatus.NotServing, cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        var watchedAfter = killed.Elapsed;
        var status = (await collector.Health.CheckAsync(new HealthCheckRequest(), cancellationToken: cancellationToken)).Status;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(ServingStatus.NotServing));
            Assert.That(watchedAfter, Is.LessThan(Promptly), "Watch");
        });
    }

    private static async Task WaitForAsync(AsyncServerStreamingCall<HealthCheckResponse> watch, ServingStatus expected, CancellationToken cancellationToken)
    {
        while (await watch.ResponseStream.MoveNext(cancellationToken))
        {
            if (watch.ResponseStream.Current.Status == expected)
            {
                return;
            }
        }

        throw new InvalidOperationException($"the Watch stream ended before {expected}");
    }
}
