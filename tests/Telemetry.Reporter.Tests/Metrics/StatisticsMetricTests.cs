using Telemetry.Reporter.Metrics;

namespace Telemetry.Reporter.Tests.Metrics;

[TestFixture]
public sealed class StatisticsMetricTests
{
    [Test]
    public void Record_ParallelObservations_EqualSequentialReference()
    {
        // Arrange
        var values = Enumerable.Range(0, 40_000).Select(i => (i * 7919 % 1000) / 10.0).ToArray();
        var parallel = new MetricRegistry().Statistics("latency");
        var sequential = new MetricRegistry().Statistics("latency");
        foreach (var value in values)
        {
            sequential.Record(value);
        }

        // Act
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var i = t; i < values.Length; i += 4)
            {
                parallel.Record(values[i]);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var actual = parallel.Snapshot();
        var expected = sequential.Snapshot();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(actual.Count, Is.EqualTo(expected.Count));
            Assert.That(actual.Min, Is.EqualTo(expected.Min));
            Assert.That(actual.Max, Is.EqualTo(expected.Max));
            Assert.That(actual.Avg, Is.EqualTo(expected.Avg).Within(1e-9).Percent);
            Assert.That(actual.Stdvar, Is.EqualTo(expected.Stdvar).Within(1e-9).Percent);
            Assert.That(actual.Stddev, Is.EqualTo(expected.Stddev).Within(1e-9).Percent);
        });
    }

    [Test]
    public void Snapshot_KnownObservations_PopulationStatistics()
    {
        // Arrange
        var statistics = new MetricRegistry().Statistics("latency");

        // Act
        foreach (var value in new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 })
        {
            statistics.Record(value);
        }

        var snapshot = statistics.Snapshot();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Count, Is.EqualTo(8));
            Assert.That(snapshot.Min, Is.EqualTo(2));
            Assert.That(snapshot.Max, Is.EqualTo(9));
            Assert.That(snapshot.Avg, Is.EqualTo(5));
            Assert.That(snapshot.Stdvar, Is.EqualTo(4).Within(1e-12));
            Assert.That(snapshot.Stddev, Is.EqualTo(2).Within(1e-12));
        });
    }

    [Test]
    public void Snapshot_NoObservations_OmitsBoundsAndDeviation()
    {
        // Arrange
        var statistics = new MetricRegistry().Statistics("latency");

        // Act
        var snapshot = statistics.Snapshot();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Count, Is.Zero);
            Assert.That(snapshot.HasMin, Is.False);
            Assert.That(snapshot.HasMax, Is.False);
            Assert.That(snapshot.HasStddev, Is.False);
            Assert.That(snapshot.HasStdvar, Is.False);
        });
    }
}
