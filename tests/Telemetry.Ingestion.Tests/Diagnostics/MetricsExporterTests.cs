using Telemetry.Ingestion.Diagnostics;
using Telemetry.Ingestion.Pipeline;
using Telemetry.Ingestion.Tests.Infrastructure;

namespace Telemetry.Ingestion.Tests.Diagnostics;

[TestFixture]
public sealed class MetricsExporterTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task WriteAsync_AfterIngest_WritesCountersAndBufferGaugesPerShard(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?> { ["Buffer:Shards"] = "2" });
        await services.Get<IngestionPipeline>().IngestAsync(TestReports.Mimir(), IngestContext.Anonymous, cancellationToken);
        using var writer = new StringWriter();

        // Act
        await services.Get<MetricsExporter>().WriteAsync(writer, cancellationToken);
        var text = writer.ToString();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("telemetry_ingest_reports_total{outcome=\"accepted\"} 1\n"));
            Assert.That(text, Does.Contain("telemetry_buffer_up 1\n"));
            Assert.That(text, Does.Contain("# TYPE telemetry_buffer_entries gauge\n"));
            Assert.That(text, Does.Match("telemetry_buffer_entries\\{shard=\"0\"\\} [01]\n"));
            Assert.That(text, Does.Match("telemetry_buffer_entries\\{shard=\"1\"\\} [01]\n"));
            Assert.That(text, Does.Contain("telemetry_buffer_oldest_entry_age_seconds{shard=\"1\"}"));
            Assert.That(text, Does.Contain("telemetry_buffer_appended_entries_total{shard=\"0\"}"));
        });
    }
}
