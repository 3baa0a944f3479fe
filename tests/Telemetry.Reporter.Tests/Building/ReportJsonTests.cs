using System.Text.Json;
using Google.Protobuf;
using Telemetry.Reporter.Building;
using Telemetry.V1;

namespace Telemetry.Reporter.Tests.Building;

[TestFixture]
public sealed class ReportJsonTests
{
    [Test]
    public void Format_Report_UsesContractNamesAndSafeNumbersAndParsesBackEqual()
    {
        // Arrange
        var report = new UsageReport
        {
            ReportId = "6f1c9d1e-8a3b-4c2d-9e4f-0a1b2c3d4e5f",
            Mimir = new MimirReport
            {
                ClusterId = "c",
                Metrics = new MimirMetrics
                {
                    Memstats = new GoMemStats { Alloc = 11_640_400, PauseTotalNs = ulong.MaxValue },
                    IngesterAppendedSamples = new Counter { Total = 9_007_199_254_740_993, Rate = 1.5 },
                    IngesterRingStore = "memberlist",
                },
            },
        };

        // Act
        var json = ReportJson.Format(report);

        // Assert
        using var document = JsonDocument.Parse(json);
        var metrics = document.RootElement.GetProperty("mimir").GetProperty("metrics");
        Assert.Multiple(() =>
        {
            Assert.That(document.RootElement.GetProperty("report_id").GetString(), Is.EqualTo(report.ReportId));
            Assert.That(metrics.GetProperty("ingester_ring_store").GetString(), Is.EqualTo("memberlist"));
            Assert.That(metrics.GetProperty("memstats").GetProperty("alloc").GetInt64(), Is.EqualTo(11_640_400));
            Assert.That(metrics.GetProperty("memstats").GetProperty("pause_total_ns").GetString(), Is.EqualTo("18446744073709551615"), "beyond 2^53");
            Assert.That(metrics.GetProperty("ingester_appended_samples").GetProperty("total").GetString(), Is.EqualTo("9007199254740993"), "beyond 2^53");
            Assert.That(JsonParser.Default.Parse<UsageReport>(json), Is.EqualTo(report));
        });
    }

    [Test]
    public void Format_MapsListsAndWellKnownTypes_ConvertsOnlyIntegersOf64Bits()
    {
        // Arrange
        var qdrant = new QdrantReport { Id = "q" };
        qdrant.App = new QdrantApp { Startup = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) };
        qdrant.Requests = new QdrantRequests { Rest = new QdrantRestRequests() };
        qdrant.Requests.Rest.Responses["GET /collections"] = new QdrantStatusResponses { Statuses = { [200] = new QdrantOperationStatistics { Count = 42 } } };
        var report = new UsageReport { Qdrant = qdrant };
        report.Environment = new Telemetry.V1.Environment { Gc = new GarbageCollection { CollectionsPerGeneration = { 5, 6 } } };

        // Act
        var json = ReportJson.Format(report);

        // Assert
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Contain("\"GET /collections\""));
            Assert.That(root.GetProperty("qdrant").GetProperty("requests").GetProperty("rest").GetProperty("responses")
                .GetProperty("GET /collections").GetProperty("statuses").GetProperty("200").GetProperty("count").GetUInt64(), Is.EqualTo(42));
            Assert.That(root.GetProperty("environment").GetProperty("gc").GetProperty("collections_per_generation")[1].GetUInt64(), Is.EqualTo(6));
            Assert.That(root.GetProperty("qdrant").GetProperty("app").GetProperty("startup").GetString(), Is.EqualTo("1970-01-01T00:00:00Z"));
            Assert.That(JsonParser.Default.Parse<UsageReport>(json), Is.EqualTo(report));
        });
    }
}
