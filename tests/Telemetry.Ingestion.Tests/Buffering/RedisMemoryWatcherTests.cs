using StackExchange.Redis;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.Tests.Infrastructure;
using Telemetry.Testing;

namespace Telemetry.Ingestion.Tests.Buffering;

/// <summary>Redis's own memory as a high-water mark, on a redis-server of the test's own with a maxmemory.</summary>
[TestFixture]
public sealed class RedisMemoryWatcherTests
{
    [Test]
    public void Parse_InfoMemoryReply_ReadsUsedAndMaxMemory()
    {
        // Arrange
        const string Info = "# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\nmaxmemory:4194304\r\nmaxmemory_human:4.00M\r\n";

        // Act
        var (used, max) = RedisMemoryWatcher.Parse(Info);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(used, Is.EqualTo(1048576));
            Assert.That(max, Is.EqualTo(4194304));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task AppendAsync_RedisMemoryAboveFraction_OverloadedWithDelayUntilMemoryFreed(CancellationToken cancellationToken)
    {
        // Arrange: an empty Redis uses about 1 MB, far above 5% of a 10 MB maxmemory.
        await using var redis = await RedisServer.StartAsync(["--maxmemory", "10mb", "--maxmemory-policy", "noeviction"], cancellationToken);
        using var services = IngestionServices.Create(redis, new Dictionary<string, string?> { ["Buffer:MaxRedisMemoryFraction"] = "0.05" });
        var buffer = services.Get<IReportBuffer>();
        var watcher = services.Get<RedisMemoryWatcher>();
        var accepted = await buffer.AppendAsync(new byte[10], Guid.NewGuid().ToString(), "mimir");
        var acceptedId = Guid.NewGuid().ToString();
        await buffer.AppendAsync(new byte[10], acceptedId, "mimir");

        // Act
        var full = await watcher.CheckAsync();
        var refused = await buffer.AppendAsync(new byte[10], Guid.NewGuid().ToString(), "mimir");
        var retryOfAccepted = await buffer.AppendAsync(new byte[10], acceptedId, "mimir");
        using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        await admin.GetServer(admin.GetEndPoints().Single()).ConfigSetAsync("maxmemory", "0");
        var unlimited = await watcher.CheckAsync();
        var acceptedAgain = await buffer.AppendAsync(new byte[10], Guid.NewGuid().ToString(), "mimir");

        // Assert: refused with a retry delay (the drain is not measured yet: the minimum), a duplicate still a duplicate, and
        // accepted again once the memory is no longer above the mark.
        Assert.Multiple(() =>
        {
            Assert.That(accepted.Status, Is.EqualTo(AppendStatus.Accepted));
            Assert.That(full.IsFull, Is.True);
            Assert.That(full.MaxBytes, Is.EqualTo(10 * 1024 * 1024));
            Assert.That(full.UsedBytes, Is.GreaterThan(full.MaxBytes / 20));
            Assert.That(refused.Status, Is.EqualTo(AppendStatus.Overloaded));
            Assert.That(refused.RetryDelay, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(retryOfAccepted.Status, Is.EqualTo(AppendStatus.Duplicate));
            Assert.That(unlimited.IsFull, Is.False);
            Assert.That(acceptedAgain.Status, Is.EqualTo(AppendStatus.Accepted));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task CheckAsync_RedisStopped_UnknownWithoutThrowing(CancellationToken cancellationToken)
    {
        // Arrange
        await using var redis = await RedisServer.StartAsync(["--maxmemory", "10mb"], cancellationToken);
        using var services = IngestionServices.Create(redis, new Dictionary<string, string?> { ["Buffer:MaxRedisMemoryFraction"] = "0.05" });
        var watcher = services.Get<RedisMemoryWatcher>();
        var before = await watcher.CheckAsync();

        // Act
        await redis.StopAsync();
        var after = await watcher.CheckAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before.IsFull, Is.True);
            Assert.That(after, Is.EqualTo(RedisMemoryState.Unknown));
        });
    }
}
