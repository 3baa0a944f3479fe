using Telemetry.Reporter.Metrics;
using Telemetry.Reporter.Transport;
using Telemetry.V1;

namespace Telemetry.Reporter.Tests.Transport;

[TestFixture]
public sealed class ReportQueueTests
{
    [Test]
    public void Enqueue_Full_DropsTheOldestAndCountsIt()
    {
        // Arrange
        var queue = new ReportQueue(capacity: 2);
        var reports = Enumerable.Range(0, 3).Select(Report).ToList();

        // Act
        var dropped = reports.Select(queue.Enqueue).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(dropped[0], Is.Null);
            Assert.That(dropped[1], Is.Null);
            Assert.That(dropped[2], Is.SameAs(reports[0]));
            Assert.That(queue.Count, Is.EqualTo(2));
            Assert.That(queue.DroppedTotal, Is.EqualTo(1));
        });
    }

    [Test]
    public void PeekNext_DifferentAttemptTimes_ReturnsTheEarliest()
    {
        // Arrange
        var queue = new ReportQueue(capacity: 4);
        var later = Report(0);
        later.NextAttempt = DateTimeOffset.UnixEpoch.AddMinutes(5);
        var earlier = Report(1);
        earlier.NextAttempt = DateTimeOffset.UnixEpoch.AddMinutes(1);
        queue.Enqueue(later);
        queue.Enqueue(earlier);

        // Act
        var next = queue.PeekNext();

        // Assert
        Assert.That(next, Is.SameAs(earlier));
    }

    private static PendingReport Report(int index) => new(
        new UsageReport { ReportId = $"report-{index}" },
        new MetricRegistry().Capture(commit: true),
        DateTimeOffset.UnixEpoch.AddHours(index),
        DateTimeOffset.UnixEpoch);
}
