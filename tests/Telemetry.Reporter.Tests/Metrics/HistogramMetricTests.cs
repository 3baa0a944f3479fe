using Telemetry.Reporter.Metrics;

namespace Telemetry.Reporter.Tests.Metrics;

[TestFixture]
public sealed class HistogramMetricTests
{
    [Test]
    public void Record_ValuesOnAndBetweenBounds_CountsUpperInclusiveBuckets()
    {
        // Arrange
        var histogram = new MetricRegistry().Histogram("duration", [1, 5, 10]);

        // Act
        foreach (var value in new[] { 0.5, 1, 3, 10, 11 })
        {
            histogram.Record(value);
        }

        var snapshot = histogram.Snapshot();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Bounds, Is.EqualTo(new[] { 1.0, 5, 10 }));
            Assert.That(snapshot.Counts, Is.EqualTo(new ulong[] { 2, 1, 1, 1 }));
            Assert.That(snapshot.Count, Is.EqualTo(5));
            Assert.That(snapshot.Sum, Is.EqualTo(25.5));
        });
    }

    [Test]
    public void Record_FourThreads_CountEqualsSumOfBuckets()
    {
        // Arrange
        var histogram = new MetricRegistry().Histogram("duration", [1, 2, 4, 8]);

        // Act
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                histogram.Record((i + t) % 10);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var snapshot = histogram.Snapshot();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Count, Is.EqualTo(200_000));
            Assert.That(snapshot.Counts.Aggregate(0UL, (sum, count) => sum + count), Is.EqualTo(snapshot.Count));
        });
    }

    [TestCase(new double[0])]
    [TestCase(new[] { 1.0, 1.0 })]
    [TestCase(new[] { 2.0, 1.0 })]
    public void Histogram_InvalidBounds_Throws(double[] bounds)
    {
        // Arrange
        var registry = new MetricRegistry();

        // Act
        void Act() => registry.Histogram("duration", bounds);

        // Assert
        Assert.That(Act, Throws.ArgumentException);
    }

    [Test]
    public void Histogram_ExistingNameOtherBounds_Throws()
    {
        // Arrange
        var registry = new MetricRegistry();
        registry.Histogram("duration", [1, 2]);

        // Act
        void Act() => registry.Histogram("duration", [1, 3]);

        // Assert
        Assert.That(Act, Throws.InvalidOperationException);
    }
}
