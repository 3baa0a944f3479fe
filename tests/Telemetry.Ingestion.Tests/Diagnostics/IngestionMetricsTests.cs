using Telemetry.Ingestion.Diagnostics;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Ingestion.Tests.Diagnostics;

[TestFixture]
public sealed class IngestionMetricsTests
{
    private const string Outcome = IngestionMetrics.OutcomeAttribute;

    [Test]
    public void Completed_AfterOutcomes_RecordsCountersAndDurations()
    {
        // Arrange
        using var meters = new TestMeters();
        var metrics = new IngestionMetrics(meters);
        for (var i = 0; i < 3; i++)
        {
            metrics.Received();
        }

        // Act
        metrics.Completed(ReportOutcome.Accepted, "", TimeSpan.FromMilliseconds(2));
        metrics.Completed(ReportOutcome.Rejected, "generic.metrics[\"x\"].counter.total", TimeSpan.FromMilliseconds(0.1));
        metrics.Unavailable(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(meters.Sum("telemetry.ingest.reports.received"), Is.EqualTo(3));
            Assert.That(meters.Sum("telemetry.ingest.reports", (Outcome, "accepted")), Is.EqualTo(1));
            Assert.That(meters.Sum("telemetry.ingest.reports", (Outcome, "rejected")), Is.EqualTo(1));
            Assert.That(meters.Sum("telemetry.ingest.reports", (Outcome, "unavailable")), Is.EqualTo(1));
            Assert.That(meters.Sum("telemetry.ingest.rejections", (IngestionMetrics.FieldPathAttribute, "generic.metrics.counter.total")), Is.EqualTo(1));
            Assert.That(meters.Count("telemetry.ingest.duration"), Is.EqualTo(3));
            Assert.That(meters.Sum("telemetry.ingest.duration"), Is.EqualTo(10.0021).Within(1e-9));
        });
    }

    [Test]
    public void Completed_ConcurrentCalls_CountsEveryOne()
    {
        // Arrange
        using var meters = new TestMeters();
        var metrics = new IngestionMetrics(meters);

        // Act
        Parallel.For(0, 10_000, i => metrics.Completed(i % 2 == 0 ? ReportOutcome.Accepted : ReportOutcome.Duplicate, null, TimeSpan.Zero));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(metrics.Count(ReportOutcome.Accepted), Is.EqualTo(5000));
            Assert.That(metrics.Count(ReportOutcome.Duplicate), Is.EqualTo(5000));
            Assert.That(meters.Sum("telemetry.ingest.reports", (Outcome, "duplicate")), Is.EqualTo(5000));
        });
    }

    [Test]
    public void Completed_ManyDistinctFieldPaths_CardinalityCapped()
    {
        // Arrange
        using var meters = new TestMeters();
        var metrics = new IngestionMetrics(meters);

        // Act
        for (var i = 0; i < IngestionMetrics.MaxRejectionPaths + 50; i++)
        {
            metrics.Completed(ReportOutcome.Rejected, $"generic.field_{i}", TimeSpan.Zero);
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(metrics.RejectionCount("other"), Is.EqualTo(50));
            Assert.That(meters.Sum("telemetry.ingest.rejections", (IngestionMetrics.FieldPathAttribute, "other")), Is.EqualTo(50));
        });
    }

    [TestCase("instance.cluster_id", "instance.cluster_id")]
    [TestCase("influxdb.flux_function_calls[3].count", "influxdb.flux_function_calls.count")]
    [TestCase("generic.metrics[\"a[b]\"].counter.total", "generic.metrics.counter.total")]
    [TestCase("qdrant.collections[0].vectors[7].size", "qdrant.collections.vectors.size")]
    [TestCase("", "unknown")]
    public void NormalizePath_Path_IndexesAndKeysRemoved(string path, string expected)
    {
        // Act
        var normalized = IngestionMetrics.NormalizePath(path);

        // Assert
        Assert.That(normalized, Is.EqualTo(expected));
    }
}
