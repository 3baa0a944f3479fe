using System.Diagnostics;
using Google.Protobuf;
using Telemetry.Buffer;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.Diagnostics;
using Telemetry.Ingestion.Pipeline;
using Telemetry.Ingestion.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Ingestion.Tests.Buffering;

/// <summary>Redis going away and coming back, on a server of this fixture's own.</summary>
[TestFixture]
public sealed class RedisOutageTests
{
    private RedisServer _redis = null!;

    [SetUp]
    public async Task StartAsync() => _redis = await RedisServer.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _redis.DisposeAsync();

    [Test]
    [CancelAfter(30000)]
    public async Task AppendAsync_RedisStoppedThenRestarted_UnavailableThenRecoversWithEarlierEntriesKept(CancellationToken cancellationToken)
    {
        // Arrange: twenty reports accepted before the outage.
        using var services = IngestionServices.Create(_redis);
        var buffer = services.Get<IReportBuffer>();
        var keys = services.Get<BufferKeyspace>();
        await buffer.InitializeAsync(cancellationToken);
        var before = Enumerable.Range(0, 20).Select(_ => TestReports.Mimir()).ToList();
        foreach (var report in before)
        {
            Assert.That((await buffer.AppendAsync(report.ToByteArray(), report.ReportId, "mimir")).Status, Is.EqualTo(AppendStatus.Accepted));
        }

        // Act 1: Redis dies.
        await _redis.StopAsync();
        var during = TestReports.Mimir();
        var stopwatch = Stopwatch.StartNew();
        var unavailable = await buffer.AppendAsync(during.ToByteArray(), during.ReportId, "mimir");
        var elapsed = stopwatch.Elapsed;

        // Act 2: Redis comes back (with its append-only file); the multiplexer reconnects by itself.
        await _redis.StartAgainAsync(cancellationToken);
        var recovered = await AppendUntilAnsweredAsync(buffer, during, cancellationToken);
        var retryOfEarlier = await buffer.AppendAsync(before[0].ToByteArray(), before[0].ReportId, "mimir");
        var entries = await BufferInspector.ReadAllAsync(services.Redis, keys);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(unavailable.Status, Is.EqualTo(AppendStatus.Unavailable));
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
            Assert.That(recovered.Status, Is.EqualTo(AppendStatus.Accepted));
            Assert.That(retryOfEarlier.Status, Is.EqualTo(AppendStatus.Duplicate), "the report-ids hash survives the restart");
            Assert.That(entries.Select(e => e.ReportId), Is.SupersetOf(before.Select(r => r.ReportId)));
            Assert.That(entries, Has.Count.EqualTo(21));
        });
    }

    [Test]
    [CancelAfter(10000)]
    public async Task IngestAsync_RedisStopped_ThrowsBufferUnavailableAndCountsIt(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(_redis);
        var pipeline = services.Get<IngestionPipeline>();
        var metrics = services.Get<IngestionMetrics>();
        var gauges = services.Get<BufferMetrics>();
        Assert.That((await pipeline.IngestAsync(TestReports.Mimir(), IngestContext.Anonymous, cancellationToken)).Outcome, Is.EqualTo(ReportOutcome.Accepted));
        await _redis.StopAsync();

        // Act
        var stopwatch = Stopwatch.StartNew();
        var exception = Assert.ThrowsAsync<BufferUnavailableException>(() => pipeline.IngestAsync(TestReports.Mimir(), IngestContext.Anonymous, cancellationToken));
        var elapsed = stopwatch.Elapsed;
        await gauges.RefreshAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(exception!.RetryDelay, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
            Assert.That(metrics.UnavailableCount, Is.EqualTo(1));
            Assert.That(gauges.Shards, Is.Null, "the buffer gauges say Redis is down");
        });
    }

    private static async Task<AppendResult> AppendUntilAnsweredAsync(IReportBuffer buffer, UsageReport report, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await buffer.AppendAsync(report.ToByteArray(), report.ReportId, "mimir");
            if (result.Status != AppendStatus.Unavailable)
            {
                return result;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
