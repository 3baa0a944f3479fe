using Telemetry.Reporter.Metrics;

namespace Telemetry.Reporter.Tests.Metrics;

[TestFixture]
public sealed class MetricRegistryTests
{
    [Test]
    public void Counter_SameNameTwice_ReturnsSameMetric()
    {
        // Arrange
        var registry = new MetricRegistry();

        // Act
        var first = registry.Counter("requests");
        var second = registry.Counter("requests");

        // Assert
        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public void IntValue_NameRegisteredAsCounter_Throws()
    {
        // Arrange
        var registry = new MetricRegistry();
        registry.Counter("requests");

        // Act
        void Act() => registry.IntValue("requests");

        // Assert
        Assert.That(Act, Throws.InvalidOperationException);
    }

    [TestCase("Requests")]
    [TestCase("1requests")]
    [TestCase("requests.")]
    [TestCase("infra..nodes")]
    [TestCase("host-name")]
    [TestCase("")]
    public void Counter_InvalidName_Throws(string name)
    {
        // Arrange
        var registry = new MetricRegistry();

        // Act
        void Act() => registry.Counter(name);

        // Assert
        Assert.That(Act, Throws.ArgumentException);
    }

    [Test]
    public void Capture_EveryKind_ReadsCurrentValuesInNameOrder()
    {
        // Arrange
        var registry = new MetricRegistry();
        registry.StringValue("storage_backend").Set("s3");
        registry.IntValue("replication_factor").Set(3);
        registry.FloatValue("cpu_peak").SetMax(12.5);
        registry.Counter("requests").Add(4);

        // Act
        var snapshot = registry.Capture(commit: false);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Values.Keys, Is.EqualTo(new[] { "cpu_peak", "replication_factor", "requests", "storage_backend" }));
            Assert.That(snapshot.Values["storage_backend"].StringValue, Is.EqualTo("s3"));
            Assert.That(snapshot.Values["replication_factor"].IntValue, Is.EqualTo(3));
            Assert.That(snapshot.Values["cpu_peak"].FloatValue, Is.EqualTo(12.5));
            Assert.That(snapshot.Values["requests"].Counter.Total, Is.EqualTo(4));
        });
    }

    [Test]
    public void Capture_UnsetString_IsNotReported()
    {
        // Arrange
        var registry = new MetricRegistry();
        registry.StringValue("storage_backend");

        // Act
        var snapshot = registry.Capture(commit: false);

        // Assert
        Assert.That(snapshot.Values, Does.Not.ContainKey("storage_backend"));
    }

    [Test]
    public void SetMax_ParallelCandidates_KeepsTheLargest()
    {
        // Arrange
        var peak = new MetricRegistry().FloatValue("cpu_peak");

        // Act
        Parallel.For(0, 10_000, i => peak.SetMax(i % 997));

        // Assert
        Assert.That(peak.Value, Is.EqualTo(996));
    }
}
