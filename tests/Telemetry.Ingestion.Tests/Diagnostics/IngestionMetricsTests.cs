using Telemetry.Ingestion.Diagnostics;
using Telemetry.V1;

namespace Telemetry.Ingestion.Tests.Diagnostics;

[TestFixture]
public sealed class IngestionMetricsTests
{
    [Test]
    public void WriteTo_AfterOutcomes_WritesPrometheusText()
    {
        // Arrange
        var metrics = new IngestionMetrics();
        for (var i = 0; i < 3; i++)
        {
            metrics.Received();
        }

        metrics.Completed(ReportOutcome.Accepted, "", TimeSpan.FromMilliseconds(2));
        metrics.Completed(ReportOutcome.Rejected, "generic.metrics[\"x\"].counter.total", TimeSpan.FromMilliseconds(0.1));
        metrics.Unavailable(TimeSpan.FromSeconds(10));
        using var writer = new StringWriter();

        // Act
        metrics.WriteTo(writer);
        var text = writer.ToString();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("# TYPE telemetry_ingest_reports_total counter\n"));
            Assert.That(text, Does.Contain("# HELP telemetry_ingest_reports_total "));
            Assert.That(text, Does.Contain("telemetry_ingest_reports_received_total 3\n"));
            Assert.That(text, Does.Contain("telemetry_ingest_reports_total{outcome=\"accepted\"} 1\n"));
            Assert.That(text, Does.Contain("telemetry_ingest_reports_total{outcome=\"rejected\"} 1\n"));
            Assert.That(text, Does.Contain("telemetry_ingest_reports_total{outcome=\"rate_limited\"} 0\n"));
            Assert.That(text, Does.Contain("telemetry_ingest_reports_total{outcome=\"unavailable\"} 1\n"));
            Assert.That(text, Does.Contain("telemetry_ingest_rejections_total{field_path=\"generic.metrics.counter.total\"} 1\n"));
            Assert.That(text, Does.Contain("# TYPE telemetry_ingest_duration_seconds histogram\n"));
            Assert.That(text, Does.Contain("telemetry_ingest_duration_seconds_bucket{le=\"0.0005\"} 1\n"));
            Assert.That(text, Does.Contain("telemetry_ingest_duration_seconds_bucket{le=\"0.0025\"} 2\n"));
            Assert.That(text, Does.Contain("telemetry_ingest_duration_seconds_bucket{le=\"+Inf\"} 3\n"));
            Assert.That(text, Does.Contain("telemetry_ingest_duration_seconds_count 3\n"));
            Assert.That(text, Does.Contain("telemetry_ingest_duration_seconds_sum 10.0021\n"));
            Assert.That(text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')), Is.All.Match(@"^[a-z_]+(\{[a-z_]+=""[^""]*""\})? [0-9.e+-]+$"));
        });
    }

    [Test]
    public void Completed_ConcurrentCalls_CountsEveryOne()
    {
        // Arrange
        var metrics = new IngestionMetrics();

        // Act
        Parallel.For(0, 10_000, i => metrics.Completed(i % 2 == 0 ? ReportOutcome.Accepted : ReportOutcome.Duplicate, null, TimeSpan.Zero));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(metrics.Count(ReportOutcome.Accepted), Is.EqualTo(5000));
            Assert.That(metrics.Count(ReportOutcome.Duplicate), Is.EqualTo(5000));
        });
    }

    [Test]
    public void Completed_ManyDistinctFieldPaths_CardinalityCapped()
    {
        // Arrange
        var metrics = new IngestionMetrics();

        // Act
        for (var i = 0; i < IngestionMetrics.MaxRejectionPaths + 50; i++)
        {
            metrics.Completed(ReportOutcome.Rejected, $"generic.field_{i}", TimeSpan.Zero);
        }

        // Assert
        Assert.That(metrics.RejectionCount("other"), Is.EqualTo(50));
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
