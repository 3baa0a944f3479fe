using Telemetry.Reporter.Metrics;
using Telemetry.Reporter.Tests.Infrastructure;

namespace Telemetry.Reporter.Tests.Metrics;

[TestFixture]
public sealed class CounterMetricTests
{
    [Test]
    public void Increment_FourThreadsHundredThousandEach_TotalIsExact()
    {
        // Arrange
        var registry = new MetricRegistry();
        var counter = registry.Counter("requests");
        const int PerThread = 100_000;

        // Act
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                counter.Increment();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        // Assert
        Assert.That(registry.Capture(commit: true).Values["requests"].Counter.Total, Is.EqualTo(4 * PerThread));
    }

    [Test]
    public void Acknowledge_IncrementsAfterSnapshot_SubtractsExactlyTheAcknowledgedAmount()
    {
        // Arrange
        var registry = new MetricRegistry();
        var counter = registry.Counter("requests");
        counter.Add(10);
        var snapshot = registry.Capture(commit: true);
        counter.Add(5);

        // Act
        registry.Acknowledge(snapshot);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Values["requests"].Counter.Total, Is.EqualTo(10));
            Assert.That(counter.Unacknowledged, Is.EqualTo(5));
            Assert.That(registry.Capture(commit: true).Values["requests"].Counter.Total, Is.EqualTo(5));
        });
    }

    [Test]
    public void Release_FailedSend_NextReportCarriesEverything()
    {
        // Arrange
        var registry = new MetricRegistry();
        var counter = registry.Counter("requests");
        counter.Add(10);
        var failed = registry.Capture(commit: true);
        counter.Add(5);

        // Act
        registry.Release(failed);
        var next = registry.Capture(commit: true);

        // Assert
        Assert.That(next.Values["requests"].Counter.Total, Is.EqualTo(15));
    }

    [Test]
    public void Capture_SecondReportWhileFirstInFlight_CarriesOnlyNewCounts()
    {
        // Arrange
        var registry = new MetricRegistry();
        var counter = registry.Counter("requests");
        counter.Add(10);
        var first = registry.Capture(commit: true);
        counter.Add(3);

        // Act
        var second = registry.Capture(commit: true);
        registry.Acknowledge(second);
        registry.Acknowledge(first);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(second.Values["requests"].Counter.Total, Is.EqualTo(3));
            Assert.That(counter.Unacknowledged, Is.Zero);
        });
    }

    [Test]
    public void Acknowledge_SameSnapshotTwice_SubtractsOnce()
    {
        // Arrange
        var registry = new MetricRegistry();
        var counter = registry.Counter("requests");
        counter.Add(10);
        var snapshot = registry.Capture(commit: true);
        counter.Add(1);

        // Act
        registry.Acknowledge(snapshot);
        registry.Acknowledge(snapshot);

        // Assert
        Assert.That(counter.Unacknowledged, Is.EqualTo(1));
    }

    [Test]
    public void Capture_Preview_ChangesNothing()
    {
        // Arrange
        var registry = new MetricRegistry();
        var counter = registry.Counter("requests");
        counter.Add(7);

        // Act
        var preview = registry.Capture(commit: false);
        var report = registry.Capture(commit: true);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(preview.Values["requests"].Counter.Total, Is.EqualTo(7));
            Assert.That(report.Values["requests"].Counter.Total, Is.EqualTo(7));
            Assert.That(preview.CounterDeltas, Is.Empty);
        });
    }

    [Test]
    public void Capture_SixtyEventsOverThirtySeconds_RateIsTwoPerSecond()
    {
        // Arrange
        var time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        var registry = new MetricRegistry(time);
        registry.Counter("requests").Add(60);
        time.Advance(TimeSpan.FromSeconds(30));

        // Act
        var counter = registry.Capture(commit: true).Values["requests"].Counter;

        // Assert
        Assert.That(counter.Rate, Is.EqualTo(2.0));
    }

    [Test]
    public void Capture_AfterAcknowledgement_RateCountsFromTheAcknowledgedSnapshot()
    {
        // Arrange
        var time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        var registry = new MetricRegistry(time);
        var requests = registry.Counter("requests");
        requests.Add(100);
        time.Advance(TimeSpan.FromSeconds(100));
        registry.Acknowledge(registry.Capture(commit: true));
        requests.Add(10);
        time.Advance(TimeSpan.FromSeconds(5));

        // Act
        var counter = registry.Capture(commit: true).Values["requests"].Counter;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(counter.Total, Is.EqualTo(10));
            Assert.That(counter.Rate, Is.EqualTo(2.0));
        });
    }

    [Test]
    public void Add_Negative_Throws()
    {
        // Arrange
        var counter = new MetricRegistry().Counter("requests");

        // Act
        void Act() => counter.Add(-1);

        // Assert
        Assert.That(Act, Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
