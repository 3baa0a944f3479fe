using Telemetry.Ingestion.Buffering;

namespace Telemetry.Ingestion.Tests.Buffering;

[TestFixture]
public sealed class OverloadRetryDelayTests
{
    private static readonly BufferOptions Options = new()
    {
        MaxEntriesPerShard = 1000,
        MaxBytesPerShard = 1_000_000,
        LowWaterFraction = 0.8,
        MinRetryDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromMinutes(5),
    };

    [TestCase(1000, 0, 10.0, 20.0)]
    [TestCase(1000, 0, 100.0, 2.0)]
    [TestCase(1000, 0, 1000.0, 1.0)]
    [TestCase(1000, 0, 0.1, 300.0)]
    [TestCase(500, 1_000_000, 10.0, 300.0)]
    public void Compute_Backlog_DrainTimeToLowWaterMarkClamped(long entries, long bytes, double entriesPerSecond, double expectedSeconds)
    {
        // Act: no jitter (0.5 is the middle of the ±10% band).
        var delay = OverloadRetryDelay.Compute(Options, entries, bytes, (entriesPerSecond, 0), 0.5);

        // Assert: 200 entries above the low-water mark of 800; bytes without a measured drain mean the maximum.
        Assert.That(delay.TotalSeconds, Is.EqualTo(expectedSeconds).Within(0.001));
    }

    [Test]
    public void Compute_DrainNotMeasuredYet_MinimumDelay()
    {
        // Act
        var delay = OverloadRetryDelay.Compute(Options, 1000, 0, null, 0.5);

        // Assert: a second later the drain is measured and the retry gets a delay that fits it.
        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void Compute_NothingDraining_MaximumDelay()
    {
        // Act
        var delay = OverloadRetryDelay.Compute(Options, 1000, 0, (0, 0), 0.5);

        // Assert
        Assert.That(delay, Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [TestCase(0.0, 18.0)]
    [TestCase(1.0, 22.0)]
    public void Compute_Jitter_SpreadsTenPercent(double jitter, double expectedSeconds)
    {
        // Act
        var delay = OverloadRetryDelay.Compute(Options, 1000, 0, (10, 0), jitter);

        // Assert
        Assert.That(delay.TotalSeconds, Is.EqualTo(expectedSeconds).Within(0.001));
    }
}
