using Telemetry.Ingestion.Buffering;

namespace Telemetry.Ingestion.Tests.Buffering;

[TestFixture]
public sealed class DrainRateEstimatorTests
{
    [Test]
    public void Rate_SingleSample_IsUnknown()
    {
        // Arrange
        var estimator = new DrainRateEstimator(TimeSpan.FromMinutes(1));
        estimator.Record(1_000_000, 10, 1000);

        // Act
        var rate = estimator.Rate();

        // Assert
        Assert.That(rate, Is.Null);
    }

    [Test]
    public void Rate_SamplesOverTenSeconds_DeletionsPerSecond()
    {
        // Arrange
        var estimator = new DrainRateEstimator(TimeSpan.FromMinutes(1));
        for (var second = 0; second <= 10; second++)
        {
            estimator.Record(1_000_000 + (second * 1000), second * 50, second * 5000);
        }

        // Act
        var rate = estimator.Rate();

        // Assert
        Assert.That(rate, Is.EqualTo((50.0, 5000.0)));
    }

    [Test]
    public void Rate_SamplesOlderThanWindow_AreIgnored()
    {
        // Arrange: fast draining long ago, nothing in the last 10 s.
        var estimator = new DrainRateEstimator(TimeSpan.FromSeconds(10));
        estimator.Record(0, 0, 0);
        estimator.Record(60_000, 6000, 600_000);
        for (var second = 61; second <= 70; second++)
        {
            estimator.Record(second * 1000, 6000, 600_000);
        }

        // Act
        var rate = estimator.Rate();

        // Assert
        Assert.That(rate, Is.EqualTo((0.0, 0.0)));
    }

    [Test]
    public void Record_CountersGoBackwards_StartsOver()
    {
        // Arrange: Redis lost its data and the counters restarted from zero.
        var estimator = new DrainRateEstimator(TimeSpan.FromMinutes(1));
        estimator.Record(1000, 500, 500);
        estimator.Record(3000, 600, 600);
        estimator.Record(5000, 0, 0);

        // Act
        var rate = estimator.Rate();

        // Assert
        Assert.That(rate, Is.Null);
    }

    [Test]
    public void Record_WithinSpacing_KeepsFirstSample()
    {
        // Arrange
        var estimator = new DrainRateEstimator(TimeSpan.FromMinutes(1));
        estimator.Record(10_000, 0, 0);
        estimator.Record(10_100, 999, 999);
        estimator.Record(12_000, 20, 20);

        // Act
        var rate = estimator.Rate();

        // Assert
        Assert.That(rate, Is.EqualTo((10.0, 10.0)));
    }
}
