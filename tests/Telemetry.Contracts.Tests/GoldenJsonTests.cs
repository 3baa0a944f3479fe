using System.Text.Json;
using Google.Protobuf;
using Telemetry.Contracts.Tests.Infrastructure;
using Telemetry.V1;

namespace Telemetry.Contracts.Tests;

/// <summary>The vendors' documented example payloads parse into the v1 messages with no value lost.</summary>
[TestFixture]
public sealed class GoldenJsonTests
{
    private static readonly JsonParser StrictParser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    [Test]
    public void TempoExample_ParsedStrictly_HoldsEveryDocumentedValue()
    {
        // Arrange
        var json = ReadGolden("tempo-example.json");

        // Act
        var report = StrictParser.Parse<TempoReport>(json);
        var comparison = JsonValueComparer.Compare(JsonDocument.Parse(json).RootElement, report);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(comparison.Differences, Is.Empty);
            Assert.That(comparison.ComparedValues, Is.EqualTo(47));
            Assert.That(report.IntervalPeriod, Is.EqualTo(14400));
            Assert.That(report.Version.GoVersion, Is.EqualTo("go1.24.3"));
            Assert.That(report.Metrics.Memstats.HeapInuse, Is.EqualTo(14106624));
            Assert.That(report.Metrics.Memstats.GcCpuFraction, Is.EqualTo(0.08786506719453682));
            Assert.That(report.Metrics.NumGoroutine, Is.EqualTo(813));
            Assert.That(report.Metrics.CacheMemcached, Is.EqualTo(1));
            Assert.That(report.Metrics.StorageBlockEncoding, Is.EqualTo("zstd"));
            Assert.That(report.Metrics.DistributorSpansReceived, Is.EqualTo(new Counter { Total = 0, Rate = 0 }));
        });
    }

    [Test]
    public void CorootExample_CommentsRemovedAndParsedStrictly_HoldsEveryDocumentedValue()
    {
        // Arrange
        var json = WithoutComments(ReadGolden("coroot-example.jsonc"));

        // Act
        var report = StrictParser.Parse<CorootReport>(json);
        var comparison = JsonValueComparer.Compare(JsonDocument.Parse(json).RootElement, report);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(comparison.Differences, Is.Empty);
            Assert.That(comparison.ComparedValues, Is.EqualTo(77));
            Assert.That(report.Instance.DatabaseType, Is.EqualTo("sqlite"));
            Assert.That(report.Integration.InspectionOverrides["CPUNode"].ApplicationLevel, Is.EqualTo(2));
            Assert.That(report.Stack.InstrumentedServices, Is.EqualTo(new[] { "postgres", "redis" }));
            Assert.That(report.Infra.DeploymentSummaries["-CPU"], Is.EqualTo(1));
            Assert.That(report.Ux.PageViews["/p/$projectId/app/$id/SLO"], Is.EqualTo(3));
            Assert.That(report.Performance.Constructor.Queries["container_net_latency"].MetricsCount, Is.EqualTo(130));
            Assert.That(report.Performance.CpuUsage, Is.EqualTo(new[] { 0.079, 0.071 }));
            Assert.That(report.Profile.To, Is.EqualTo(1678114877));
            Assert.That(report.Profile.Cpu.ToStringUtf8(), Is.EqualTo("pprof-cpu"));
        });
    }

    [Test]
    public void CorootStack_CodeSpellingOfInstrumentedServices_ParsesIntoTheSameField()
    {
        // Act
        var stack = StrictParser.Parse<CorootStack>("""{"instrumented_services": ["mysql"]}""");

        // Assert
        Assert.That(stack.InstrumentedServices, Is.EqualTo(new[] { "mysql" }));
    }

    private static string ReadGolden(string name) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden", name));

    private static string WithoutComments(string jsonWithComments)
    {
        using var document = JsonDocument.Parse(
            jsonWithComments,
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            document.RootElement.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }
}
