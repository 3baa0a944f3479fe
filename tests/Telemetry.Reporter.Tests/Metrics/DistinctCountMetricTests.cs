using Telemetry.Reporter.Metrics;

namespace Telemetry.Reporter.Tests.Metrics;

[TestFixture]
public sealed class DistinctCountMetricTests
{
    [Test]
    public void Record_RepeatedValues_CountsEachOnce()
    {
        // Arrange
        var distinct = new MetricRegistry().DistinctCount("tenants");

        // Act
        foreach (var value in new[] { "a", "b", "a", "c", "b", "a" })
        {
            distinct.Record(value);
        }

        // Assert
        Assert.That(distinct.Count, Is.EqualTo(3));
    }

    [Test]
    public void Record_ParallelBelowCapacity_CountIsExact()
    {
        // Arrange
        var distinct = new MetricRegistry().DistinctCount("tenants", capacity: 4096);

        // Act
        Parallel.For(0, 4, t =>
        {
            for (var i = 0; i < 3000; i++)
            {
                distinct.Record($"tenant-{i}");
            }
        });

        // Assert
        Assert.That(distinct.Count, Is.EqualTo(3000));
    }

    [Test]
    public void Record_FarBeyondCapacity_EstimatesWithinTenPercent()
    {
        // Arrange
        var distinct = new MetricRegistry().DistinctCount("tenants", capacity: 1024);

        // Act
        for (var i = 0; i < 100_000; i++)
        {
            distinct.Record($"tenant-{i}");
        }

        // Assert
        Assert.That(distinct.Count, Is.EqualTo(100_000).Within(10).Percent);
    }

    [Test]
    public void Read_AfterValues_CarriesOnlyTheCount()
    {
        // Arrange
        var registry = new MetricRegistry();
        registry.DistinctCount("tenants").Record("acme-corp");

        // Act
        var value = registry.Capture(commit: false).Values["tenants"];

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(value.DistinctCount.Count, Is.EqualTo(1));
            Assert.That(value.ToString(), Does.Not.Contain("acme"));
        });
    }
}
