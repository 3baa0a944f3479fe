using Telemetry.Ingestion.RateLimiting;
using Telemetry.Ingestion.Tests.Infrastructure;

namespace Telemetry.Ingestion.Tests.RateLimiting;

[TestFixture]
public sealed class RedisRateLimiterTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task AcquireAsync_BurstFromOneInstance_LimitedWhileAnotherInstancePasses(CancellationToken cancellationToken)
    {
        // Arrange: the defaults, 12 reports per hour with a burst of 6.
        using var services = IngestionServices.Create(SharedRedis.Server);
        var limiter = services.Get<IReportRateLimiter>();
        var noisy = Guid.NewGuid().ToString();
        var quiet = Guid.NewGuid().ToString();

        // Act
        var burst = new List<RateLimitDecision>();
        for (var i = 0; i < 7; i++)
        {
            burst.Add(await limiter.AcquireAsync("mimir", noisy, cancellationToken));
        }

        var other = await limiter.AcquireAsync("mimir", quiet, cancellationToken);
        var otherProduct = await limiter.AcquireAsync("tempo", noisy, cancellationToken);

        // Assert: the seventh report waits for one emission interval (1 h / 12 = 5 min), less the time elapsed.
        Assert.Multiple(() =>
        {
            Assert.That(burst.Take(6).Select(d => d.IsAllowed), Is.All.True);
            Assert.That(burst[6].IsAllowed, Is.False);
            Assert.That(burst[6].RetryDelay, Is.InRange(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)));
            Assert.That(other.IsAllowed, Is.True);
            Assert.That(otherProduct.IsAllowed, Is.True);
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AcquireAsync_TwoReplicas_ShareOneLimit(CancellationToken cancellationToken)
    {
        // Arrange: two service replicas, each with its own ConnectionMultiplexer.
        using var replicaA = IngestionServices.Create(SharedRedis.Server);
        using var replicaB = IngestionServices.Create(SharedRedis.Server);
        var limiterA = replicaA.Get<IReportRateLimiter>();
        var limiterB = replicaB.Get<IReportRateLimiter>();
        var instance = Guid.NewGuid().ToString();

        // Act: six reports alternate between the replicas, then one more on each.
        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 6; i++)
        {
            decisions.Add(await (i % 2 == 0 ? limiterA : limiterB).AcquireAsync("coroot", instance, cancellationToken));
        }

        var seventhOnA = await limiterA.AcquireAsync("coroot", instance, cancellationToken);
        var seventhOnB = await limiterB.AcquireAsync("coroot", instance, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(decisions.Select(d => d.IsAllowed), Is.All.True);
            Assert.That(seventhOnA.IsAllowed, Is.False);
            Assert.That(seventhOnB.IsAllowed, Is.False);
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AcquireAsync_AfterRetryDelay_AllowedAgain(CancellationToken cancellationToken)
    {
        // Arrange: 36,000 reports per hour (one per 100 ms), burst 1, for one product only.
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?>
        {
            ["RateLimiting:Products:qdrant:ReportsPerHour"] = "36000",
            ["RateLimiting:Products:qdrant:Burst"] = "1",
        });
        var limiter = services.Get<IReportRateLimiter>();
        var instance = Guid.NewGuid().ToString();

        // Act
        var first = await limiter.AcquireAsync("qdrant", instance, cancellationToken);
        var second = await limiter.AcquireAsync("qdrant", instance, cancellationToken);
        await Task.Delay(second.RetryDelay + TimeSpan.FromMilliseconds(5), cancellationToken);
        var third = await limiter.AcquireAsync("qdrant", instance, cancellationToken);
        var immediately = await limiter.AcquireAsync("qdrant", instance, cancellationToken);

        // Assert: the delay is the rest of the 100 ms interval, to the script's microsecond resolution.
        Assert.Multiple(() =>
        {
            Assert.That(first.IsAllowed, Is.True);
            Assert.That(second.IsAllowed, Is.False);
            Assert.That(second.RetryDelay, Is.InRange(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)));
            Assert.That(third.IsAllowed, Is.True);
            Assert.That(immediately.IsAllowed, Is.False);
            Assert.That(immediately.RetryDelay, Is.InRange(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AcquireAsync_ProductOverride_AppliesToThatProductOnly(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?>
        {
            ["RateLimiting:Products:loki:Burst"] = "2",
        });
        var limiter = services.Get<IReportRateLimiter>();
        var instance = Guid.NewGuid().ToString();

        // Act
        var loki = new List<bool>();
        var mimir = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            loki.Add((await limiter.AcquireAsync("loki", instance, cancellationToken)).IsAllowed);
            mimir.Add((await limiter.AcquireAsync("mimir", instance, cancellationToken)).IsAllowed);
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(loki, Is.EqualTo(new[] { true, true, false }));
            Assert.That(mimir, Is.All.True);
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AcquireAsync_Disabled_AlwaysAllowed(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" });
        var limiter = services.Get<IReportRateLimiter>();
        var instance = Guid.NewGuid().ToString();

        // Act
        var decisions = new List<bool>();
        for (var i = 0; i < 10; i++)
        {
            decisions.Add((await limiter.AcquireAsync("mimir", instance, cancellationToken)).IsAllowed);
        }

        // Assert
        Assert.That(decisions, Is.All.True);
    }
}
