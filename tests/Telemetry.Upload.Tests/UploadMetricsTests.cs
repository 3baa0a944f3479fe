namespace Telemetry.Upload.Tests;

[TestFixture]
public sealed class UploadMetricsTests
{
    [Test]
    public void WriteTo_AfterUploads_WritesPrometheusTextWithEveryFamily()
    {
        // Arrange
        var metrics = new UploadMetrics();
        metrics.BatchUploaded("files", 10, 1000, TimeSpan.FromMilliseconds(30));
        metrics.BatchUploaded("files", 5, 500, TimeSpan.FromSeconds(2));
        metrics.UploadFailed("files", "unavailable");
        metrics.Retried("files");
        metrics.DeadLettered("files", 1);
        metrics.SetShard(0, TimeSpan.FromSeconds(3), 7, 2);

        // Act
        var writer = new StringWriter();
        metrics.WriteTo(writer);
        var text = writer.ToString();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("telemetry_upload_batches_total{sink=\"files\"} 2\n"));
            Assert.That(text, Does.Contain("telemetry_upload_reports_total{sink=\"files\"} 15\n"));
            Assert.That(text, Does.Contain("telemetry_upload_failures_total{sink=\"files\",kind=\"unavailable\"} 1\n"));
            Assert.That(text, Does.Contain("telemetry_upload_retries_total{sink=\"files\"} 1\n"));
            Assert.That(text, Does.Contain("telemetry_upload_dead_lettered_total{sink=\"files\"} 1\n"));
            Assert.That(text, Does.Contain("telemetry_upload_duration_seconds_bucket{sink=\"files\",le=\"0.05\"} 1\n"));
            Assert.That(text, Does.Contain("telemetry_upload_duration_seconds_bucket{sink=\"files\",le=\"+Inf\"} 2\n"));
            Assert.That(text, Does.Contain("telemetry_upload_duration_seconds_count{sink=\"files\"} 2\n"));
            Assert.That(text, Does.Contain("telemetry_buffer_oldest_entry_age_seconds{shard=\"0\"} 3\n"));
            Assert.That(text, Does.Contain("telemetry_buffer_consumer_lag{shard=\"0\"} 7\n"));
            Assert.That(text, Does.Contain("# TYPE telemetry_upload_duration_seconds histogram\n"));
        });
    }
}
