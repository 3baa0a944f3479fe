using Telemetry.Buffer;
using Telemetry.Ingestion.Diagnostics;
using Telemetry.Ingestion.Pipeline;
using Telemetry.Ingestion.Tests.Infrastructure;
using Telemetry.V1;

namespace Telemetry.Ingestion.Tests.Pipeline;

[TestFixture]
public sealed class IngestionPipelineTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task IngestAsync_ValidReport_AcceptedAndBufferedAnonymized(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server);
        var pipeline = services.Get<IngestionPipeline>();
        var report = TestReports.Mimir();

        // Act
        var result = await pipeline.IngestAsync(report, IngestContext.Anonymous, cancellationToken);
        var buffered = UsageReport.Parser.ParseFrom((await BufferInspector.ReadAllAsync(services.Redis, services.Get<BufferKeyspace>())).Single().Report);

        // Assert: never-stored fields are gone and rounded fields rounded before anything reaches Redis.
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ReportOutcome.Accepted));
            Assert.That(result.ReportId, Is.EqualTo(report.ReportId));
            Assert.That(buffered.ReportId, Is.EqualTo(report.ReportId));
            Assert.That(buffered.Build.BuildUser, Is.Empty);
            Assert.That(buffered.Build.Version, Is.EqualTo("2.8.0"));
            Assert.That(buffered.Mimir.Metrics.IngesterInmemorySeries, Is.EqualTo(1_230_000));
            Assert.That(buffered.Mimir.Metrics.NumGoroutine, Is.EqualTo(300));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task IngestAsync_InvalidReport_RejectedWithFieldPathAndNothingBuffered(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server);
        var pipeline = services.Get<IngestionPipeline>();
        var report = TestReports.Mimir();
        report.Mimir.Metrics.IngesterAppendedSamples.Total = -1;

        // Act
        var result = await pipeline.IngestAsync(report, IngestContext.Anonymous, cancellationToken);
        var buffered = await BufferInspector.LengthAsync(services.Redis, services.Get<BufferKeyspace>());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ReportOutcome.Rejected));
            Assert.That(result.FieldPath, Is.EqualTo("mimir.metrics.ingester_appended_samples.total"));
            Assert.That(result.Reason, Does.Contain("must not be negative"));
            Assert.That(result.RetryDelay, Is.Null);
            Assert.That(buffered, Is.Zero);
            Assert.That(services.Get<IngestionMetrics>().RejectionCount("mimir.metrics.ingester_appended_samples.total"), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task IngestAsync_SameReportTwice_SecondIsDuplicate(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server);
        var pipeline = services.Get<IngestionPipeline>();
        var report = TestReports.Mimir();

        // Act
        var first = await pipeline.IngestAsync(report.Clone(), IngestContext.Anonymous, cancellationToken);
        var second = await pipeline.IngestAsync(report.Clone(), IngestContext.Anonymous, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(ReportOutcome.Accepted));
            Assert.That(second.Outcome, Is.EqualTo(ReportOutcome.Duplicate));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task IngestAsync_RetryOfAcceptedReportWhileRateLimited_IsDuplicate(CancellationToken cancellationToken)
    {
        // Arrange: one report per instance at a time.
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?> { ["RateLimiting:Products:mimir:Burst"] = "1" });
        var pipeline = services.Get<IngestionPipeline>();
        var clusterId = Guid.NewGuid().ToString();
        var accepted = TestReports.Mimir(clusterId: clusterId);
        var next = TestReports.Mimir(clusterId: clusterId);

        // Act
        var first = await pipeline.IngestAsync(accepted.Clone(), IngestContext.Anonymous, cancellationToken);
        var limited = await pipeline.IngestAsync(next, IngestContext.Anonymous, cancellationToken);
        var retry = await pipeline.IngestAsync(accepted.Clone(), IngestContext.Anonymous, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(ReportOutcome.Accepted));
            Assert.That(limited.Outcome, Is.EqualTo(ReportOutcome.RateLimited));
            Assert.That(limited.RetryDelay.ToTimeSpan(), Is.InRange(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5)));
            Assert.That(retry.Outcome, Is.EqualTo(ReportOutcome.Duplicate));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task IngestAsync_BufferFull_OverloadedWithRetryDelay(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?>
        {
            ["Buffer:Shards"] = "1",
            ["Buffer:MaxEntriesPerShard"] = "1",
        });
        var pipeline = services.Get<IngestionPipeline>();

        // Act
        var first = await pipeline.IngestAsync(TestReports.Mimir(), IngestContext.Anonymous, cancellationToken);
        var second = await pipeline.IngestAsync(TestReports.Mimir(), IngestContext.Anonymous, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(ReportOutcome.Accepted));
            Assert.That(second.Outcome, Is.EqualTo(ReportOutcome.Overloaded));
            Assert.That(second.RetryDelay.ToTimeSpan(), Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));
            Assert.That(services.Get<IngestionMetrics>().Count(ReportOutcome.Overloaded), Is.EqualTo(1));
        });
    }

    [TestCase(null, ReportOutcome.Rejected)]
    [TestCase("wrong", ReportOutcome.Rejected)]
    [TestCase("loki-key", ReportOutcome.Accepted)]
    [TestCase("any-product-key", ReportOutcome.Accepted)]
    [TestCase("mimir-key", ReportOutcome.Rejected)]
    [CancelAfter(5000)]
    public async Task IngestAsync_IngestKeysConfigured_OnlyMatchingKeysAccepted(string? key, ReportOutcome expected, CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?>
        {
            ["Authentication:IngestKeys:loki:0"] = "loki-key",
            ["Authentication:IngestKeys:mimir:0"] = "mimir-key",
            ["Authentication:IngestKeys:*:0"] = "any-product-key",
        });
        var pipeline = services.Get<IngestionPipeline>();

        // Act
        var result = await pipeline.IngestAsync(TestReports.Generic("loki"), new IngestContext(key), cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(expected));
            if (expected == ReportOutcome.Rejected)
            {
                Assert.That(result.FieldPath, Is.EqualTo("generic.product"));
                Assert.That(result.Reason, Does.Contain("ingest key"));
            }
        });
    }
}
