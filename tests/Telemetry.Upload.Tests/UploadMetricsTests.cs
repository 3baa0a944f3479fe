using Telemetry.Testing;

namespace Telemetry.Upload.Tests;

[TestFixture]
public sealed class UploadMetricsTests
{
    private static readonly (string, object) Files = (UploadMetrics.SinkAttribute, "files");

    [Test]
    public void BatchUploaded_AfterUploadsAndFailures_RecordsEveryInstrument()
    {
        // Arrange
        using var meters = new TestMeters();
        var metrics = new UploadMetrics(meters);

        // Act
        metrics.BatchUploaded("files", 10, 1000, TimeSpan.FromMilliseconds(30));
        metrics.BatchUploaded("files", 5, 500, TimeSpan.FromSeconds(2));
        metrics.UploadFailed("files", "unavailable");
        metrics.Retried("files");
        metrics.DeadLettered("files", 1);
        metrics.Claimed(4);
        metrics.SetShard(0, TimeSpan.FromSeconds(3), 7, 2);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(meters.Sum("telemetry.upload.batches", Files), Is.EqualTo(2));
            Assert.That(meters.Sum("telemetry.upload.reports", Files), Is.EqualTo(15));
            Assert.That(meters.Sum("telemetry.upload.payload.size", Files), Is.EqualTo(1500));
            Assert.That(meters.Sum("telemetry.upload.failures", Files, ("error.type", "unavailable")), Is.EqualTo(1));
            Assert.That(meters.Sum("telemetry.upload.retries", Files), Is.EqualTo(1));
            Assert.That(meters.Sum("telemetry.upload.dead_letters", Files), Is.EqualTo(1));
            Assert.That(meters.Sum("telemetry.upload.claimed"), Is.EqualTo(4));
            Assert.That(meters.Count("telemetry.upload.duration", Files), Is.EqualTo(2));
            Assert.That(meters.Observe("telemetry.upload.backlog.age").Single().Value, Is.EqualTo(3));
            Assert.That(meters.Observe("telemetry.upload.consumer.lag").Single().Value, Is.EqualTo(7));
            Assert.That(meters.Observe("telemetry.upload.pending").Single().Value, Is.EqualTo(2));
            Assert.That(metrics.ReportsUploaded("files"), Is.EqualTo(15));
            Assert.That(metrics.LastAttemptFailed("files"), Is.True);
        });
    }

    [Test]
    public void SetShard_LagUnknown_ReportsNoLag()
    {
        // Arrange
        using var meters = new TestMeters();
        var metrics = new UploadMetrics(meters);

        // Act
        metrics.SetShard(1, null, null, null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(meters.Observe("telemetry.upload.consumer.lag"), Is.Empty);
            Assert.That(meters.Observe("telemetry.upload.backlog.age").Single().Value, Is.Zero);
        });
    }
}
