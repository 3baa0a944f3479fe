using Telemetry.Buffer;
using Telemetry.Upload.Internal;
using Telemetry.Upload.Tests.Infrastructure;

namespace Telemetry.Upload.Tests;

/// <summary>The GCRA limit shared in Redis by every uploader instance.</summary>
[TestFixture]
public sealed class UploadRateLimiterTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task TryAcquire_TwoInstancesOverOneBatchPerSecond_SecondWaitsAboutASecond(CancellationToken cancellationToken)
    {
        // Arrange: two uploaders (two limiters, one Redis state), 1 batch/s, no burst.
        var (_, redis) = await Servers.RedisAsync();
        var options = UploaderRun.TestOptions(Servers.KeyPrefix(), o =>
        {
            o.MaxBatchesPerSecond = 1;
            o.RateLimitBurst = TimeSpan.Zero;
        });
        var keys = new BufferKeyspace(options.KeyPrefix, options.Shards);
        var first = new UploadRateLimiter(new StreamCommands(redis), keys, "files", options);
        var second = new UploadRateLimiter(new StreamCommands(redis), keys, "files", options);

        // Act
        var firstWait = await first.TryAcquireAsync(100, cancellationToken);
        var secondWait = await second.TryAcquireAsync(100, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(firstWait, Is.EqualTo(TimeSpan.Zero));
            Assert.That(secondWait, Is.GreaterThan(TimeSpan.FromMilliseconds(500)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task TryAcquire_BytesOverTheLimit_WaitsForTheExcessAndLargerThanBurstStillPassesFirst(CancellationToken cancellationToken)
    {
        // Arrange: 10,000 bytes/s with a burst of 0.1 s (1,000 bytes).
        var (_, redis) = await Servers.RedisAsync();
        var options = UploaderRun.TestOptions(Servers.KeyPrefix(), o =>
        {
            o.MaxBytesPerSecond = 10_000;
            o.RateLimitBurst = TimeSpan.FromMilliseconds(100);
        });
        var limiter = new UploadRateLimiter(new StreamCommands(redis), new BufferKeyspace(options.KeyPrefix, 4), "files", options);

        // Act: a batch of 5,000 bytes (above the burst) on an idle limiter, then another.
        var big = await limiter.TryAcquireAsync(5_000, cancellationToken);
        var next = await limiter.TryAcquireAsync(5_000, cancellationToken);

        // Assert: the second must wait until the first's 0.5 s are paid off.
        Assert.Multiple(() =>
        {
            Assert.That(big, Is.EqualTo(TimeSpan.Zero));
            Assert.That(next, Is.GreaterThan(TimeSpan.FromMilliseconds(300)).And.LessThanOrEqualTo(TimeSpan.FromMilliseconds(500)));
        });
    }
}
