using Telemetry.Ingestion.Diagnostics;
using Telemetry.Ingestion.Pipeline;
using Telemetry.Ingestion.Tests.Infrastructure;
using Telemetry.Testing;

namespace Telemetry.Ingestion.Tests.Diagnostics;

[TestFixture]
public sealed class BufferMetricsTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task RefreshAsync_AfterIngest_ReportsEntriesAndAgePerShard(CancellationToken cancellationToken)
    {
        // Arrange
        using var meters = new TestMeters();
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?> { ["Buffer:Shards"] = "2" }, meters);
        await services.Get<IngestionPipeline>().IngestAsync(TestReports.Mimir(), IngestContext.Anonymous, cancellationToken);
        var gauges = services.Get<BufferMetrics>();

        // Act
        await gauges.RefreshAsync(cancellationToken);
        var up = meters.Observe("telemetry.buffer.up");
        var entries = meters.Observe("telemetry.buffer.entries");
        var ages = meters.Observe("telemetry.buffer.oldest_entry.age");
        var appended = meters.Observe("telemetry.buffer.appended");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(up.Single().Value, Is.EqualTo(1));
            Assert.That(entries.Select(e => e.Tags[BufferMetrics.ShardAttribute]), Is.EquivalentTo(new object[] { 0, 1 }));
            Assert.That(entries.Sum(e => e.Value), Is.EqualTo(1));
            Assert.That(ages, Has.Count.EqualTo(2));
            Assert.That(appended.Sum(e => e.Value), Is.EqualTo(1));
        });
    }
}
