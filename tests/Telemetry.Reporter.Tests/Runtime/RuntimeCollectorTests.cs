using Telemetry.Reporter.Runtime;
using Telemetry.Reporter.Tests.Infrastructure;

namespace Telemetry.Reporter.Tests.Runtime;

[TestFixture]
public sealed class RuntimeCollectorTests
{
    [Test]
    public void Sample_BusyProcess_PeakCpuIsPositiveAndResetsOnlyByAcknowledgement()
    {
        // Arrange
        var time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        using var collector = new RuntimeCollector(time);
        var start = Environment.CpuUsage.TotalTime;
        var spins = 0L;
        for (var i = 0; i < 1_000_000_000 && Environment.CpuUsage.TotalTime - start < TimeSpan.FromMilliseconds(20); i++)
        {
            spins++;
        }

        // Act
        time.Advance(TimeSpan.FromSeconds(1));
        collector.Sample();
        var peak = collector.PeakCpuPercent;
        collector.OnCaptured();
        var afterCapture = collector.PeakCpuPercent;
        collector.OnAcknowledged();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(spins, Is.GreaterThan(0));
            Assert.That(peak, Is.GreaterThanOrEqualTo(1.0), "20 ms of CPU over one second");
            Assert.That(afterCapture, Is.EqualTo(peak), "building a report does not reset the peak");
            Assert.That(collector.PeakCpuPercent, Is.Zero, "no sample since the acknowledged report was built");
        });
    }

    [Test]
    public void BuildEnvironment_Always_FillsRuntimeFields()
    {
        // Arrange
        var time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        using var collector = new RuntimeCollector(time);

        // Act
        var environment = collector.BuildEnvironment(DateTimeOffset.UtcNow);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(environment.Os, Is.EqualTo(OperatingSystem.IsLinux() ? "linux" : environment.Os));
            Assert.That(environment.Arch, Is.AnyOf("amd64", "arm64", "386", "arm"));
            Assert.That(environment.LogicalCpus, Is.EqualTo(Environment.ProcessorCount));
            Assert.That(environment.Memory.ResidentBytes, Is.GreaterThan(0));
            Assert.That(environment.Memory.HeapBytes, Is.GreaterThan(0));
            Assert.That(environment.Memory.AllocatedBytesTotal, Is.GreaterThan(0));
            Assert.That(environment.Threads, Is.GreaterThan(0));
            Assert.That(environment.Gc.CpuFraction, Is.InRange(0.0, 1.0));
            Assert.That(environment.Uptime.ToTimeSpan(), Is.GreaterThan(TimeSpan.Zero));
        });
    }

    [TestCase("2.8.0+abc123", "2.8.0", "abc123")]
    [TestCase("1.0.0", "1.0.0", "")]
    [TestCase("3.1.0-rc.1+5f2e1d0c9b8a", "3.1.0-rc.1", "5f2e1d0c9b8a")]
    public void Parse_InformationalVersion_SplitsVersionAndRevision(string informational, string version, string revision)
    {
        // Act
        var parsed = BuildInfoReader.Parse(informational);

        // Assert
        Assert.That(parsed, Is.EqualTo((version, revision)));
    }

    [Test]
    public void Read_ThisAssembly_UsesItsInformationalVersionAndRuntime()
    {
        // Act
        var build = BuildInfoReader.Read(typeof(RuntimeCollectorTests).Assembly);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(build.Version, Is.Not.Empty);
            Assert.That(build.RuntimeVersion, Does.StartWith(".NET"));
        });
    }
}
