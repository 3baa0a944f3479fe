using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.Tests.Infrastructure;

namespace Telemetry.Ingestion.Tests.Buffering;

/// <summary>The per-instance rate limit (GCRA) the append script checks before it appends.</summary>
[TestFixture]
public sealed class AppendRateLimitTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task AppendAsync_BurstFromOneInstance_LimitedWhileAnotherInstancePasses(CancellationToken cancellationToken)
    {
        // Arrange: the defaults, 12 reports per hour with a burst of 6.
        using var services = IngestionServices.Create(SharedRedis.Server);
        var limiter = services.Get<IReportBuffer>();
        var noisy = Guid.NewGuid().ToString();
        var quiet = Guid.NewGuid().ToString();

        // Act
        var burst = new List<Decision>();
        for (var i = 0; i < 7; i++)
        {
            burst.Add(await AcquireAsync(limiter, "mimir", noisy));
        }

        var other = await AcquireAsync(limiter, "mimir", quiet);
        var otherProduct = await AcquireAsync(limiter, "tempo", noisy);

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
    public async Task AppendAsync_TwoReplicas_ShareOneLimit(CancellationToken cancellationToken)
    {
        // Arrange: two service replicas, each with its own ConnectionMultiplexer.
        using var replicaA = IngestionServices.Create(SharedRedis.Server);
        using var replicaB = IngestionServices.Create(SharedRedis.Server);
        var limiterA = replicaA.Get<IReportBuffer>();
        var limiterB = replicaB.Get<IReportBuffer>();
        var instance = Guid.NewGuid().ToString();

        // Act: six reports alternate between the replicas, then one more on each.
        var decisions = new List<Decision>();
        for (var i = 0; i < 6; i++)
        {
            decisions.Add(await AcquireAsync(i % 2 == 0 ? limiterA : limiterB, "coroot", instance));
        }

        var seventhOnA = await AcquireAsync(limiterA, "coroot", instance);
        var seventhOnB = await AcquireAsync(limiterB, "coroot", instance);

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
    public async Task AppendAsync_AfterRetryDelay_AllowedAgain(CancellationToken cancellationToken)
    {
        // Arrange: 3,600 reports per hour (one per second, long beside a loaded machine's pauses), burst 1, for one
        // product only.
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?>
        {
            ["RateLimiting:Products:qdrant:ReportsPerHour"] = "3600",
            ["RateLimiting:Products:qdrant:Burst"] = "1",
        });
        var limiter = services.Get<IReportBuffer>();
        var instance = Guid.NewGuid().ToString();

        // Act
        var first = await AcquireAsync(limiter, "qdrant", instance);
        var second = await AcquireAsync(limiter, "qdrant", instance);
        await Task.Delay(second.RetryDelay + TimeSpan.FromMilliseconds(5), cancellationToken);
        var third = await AcquireAsync(limiter, "qdrant", instance);
        var immediately = await AcquireAsync(limiter, "qdrant", instance);

        // Assert: the delay is the rest of the one-second interval (less the time between the calls), to the script's
        // microsecond resolution.
        Assert.Multiple(() =>
        {
            Assert.That(first.IsAllowed, Is.True);
            Assert.That(second.IsAllowed, Is.False);
            Assert.That(second.RetryDelay, Is.InRange(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1)));
            Assert.That(third.IsAllowed, Is.True);
            Assert.That(immediately.IsAllowed, Is.False);
            Assert.That(immediately.RetryDelay, Is.InRange(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AppendAsync_ProductOverride_AppliesToThatProductOnly(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?>
        {
            ["RateLimiting:Products:loki:Burst"] = "2",
        });
        var limiter = services.Get<IReportBuffer>();
        var instance = Guid.NewGuid().ToString();

        // Act
        var loki = new List<bool>();
        var mimir = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            loki.Add((await AcquireAsync(limiter, "loki", instance)).IsAllowed);
            mimir.Add((await AcquireAsync(limiter, "mimir", instance)).IsAllowed);
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
    public async Task AppendAsync_Disabled_AlwaysAllowed(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" });
        var limiter = services.Get<IReportBuffer>();
        var instance = Guid.NewGuid().ToString();

        // Act
        var decisions = new List<bool>();
        for (var i = 0; i < 10; i++)
        {
            decisions.Add((await AcquireAsync(limiter, "mimir", instance)).IsAllowed);
        }

        // Assert
        Assert.That(decisions, Is.All.True);
    }

    // A fresh report of the instance: accepted when the limit allows one, else rate limited with a delay.
    private static async Task<Decision> AcquireAsync(IReportBuffer buffer, string product, string instance)
    {
        var result = await buffer.AppendAsync(new byte[1], Guid.NewGuid().ToString(), product, instance);
        Assert.That(result.Status, Is.AnyOf(AppendStatus.Accepted, AppendStatus.RateLimited));
        return new Decision(result.Status == AppendStatus.Accepted, result.RetryDelay);
    }

    private readonly record struct Decision(bool IsAllowed, TimeSpan RetryDelay);
}
