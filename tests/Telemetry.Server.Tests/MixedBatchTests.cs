using Grpc.Core;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>
/// Ten reports at once, half of them invalid in ways a field-by-field check cannot see (histograms whose fields
/// disagree): each invalid one is rejected on its own, naming its field, and only the valid ones are buffered.
/// </summary>
[TestFixture]
public sealed class MixedBatchTests
{
    private static readonly Dictionary<string, string?> GenerousLimits = new()
    {
        ["RateLimiting:Default:ReportsPerHour"] = "3600000",
        ["RateLimiting:Default:Burst"] = "100000",
    };

    private static readonly (Histogram Histogram, string FieldPath)[] InvalidHistograms =
    [
        (new Histogram { Bounds = { 1, 2 }, Counts = { 1, 1 }, Count = 2 }, "generic.metrics[\"latency\"].histogram.counts"),
        (new Histogram { Bounds = { 1, 2 }, Counts = { 1, 1, 1, 1 }, Count = 4 }, "generic.metrics[\"latency\"].histogram.counts"),
        (new Histogram { Bounds = { 2, 1 }, Counts = { 1, 1, 1 }, Count = 3 }, "generic.metrics[\"latency\"].histogram.bounds[1]"),
        (new Histogram { Bounds = { 1, 1 }, Counts = { 1, 1, 1 }, Count = 3 }, "generic.metrics[\"latency\"].histogram.bounds[1]"),
        (new Histogram { Bounds = { 1, 2 }, Counts = { 1, 1, 1 }, Count = 7 }, "generic.metrics[\"latency\"].histogram.count"),
    ];

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_TenWithInvalidHistograms_RejectsEachInvalidOneByField(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), GenerousLimits, cancellationToken: cancellationToken);
        var (reports, expected) = TenReports();

        // Act
        var response = await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { reports } }, new CallOptions(cancellationToken: cancellationToken));
        var buffered = await collector.BufferedReportIdsAsync(SharedRedis.Server);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Results.Select(Outcome), Is.EqualTo(expected.Select(e => e.Value)));
            Assert.That(buffered, Is.EquivalentTo(expected.Where(e => e.Value.FieldPath.Length == 0).Select(e => e.Key)));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task StreamReports_TenWithInvalidHistograms_RejectsEachInvalidOneByField(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), GenerousLimits, cancellationToken: cancellationToken);
        var (reports, expected) = TenReports();
        using var call = collector.Ingest.StreamReports(new CallOptions(cancellationToken: cancellationToken));

        // Act
        foreach (var report in reports)
        {
            await call.RequestStream.WriteAsync(new StreamReportsRequest { Report = report }, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var results = new Dictionary<string, (ReportOutcome, string)>();
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            var result = call.ResponseStream.Current.Result;
            results.Add(result.ReportId, Outcome(result));
        }

        var buffered = await collector.BufferedReportIdsAsync(SharedRedis.Server);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.OK));
            Assert.That(results, Is.EquivalentTo(expected));
            Assert.That(buffered, Is.EquivalentTo(expected.Where(e => e.Value.FieldPath.Length == 0).Select(e => e.Key)));
        });
    }

    private static (ReportOutcome Outcome, string FieldPath) Outcome(ReportResult result) => (result.Outcome, result.FieldPath);

    /// <summary>Ten reports, invalid and valid alternating, with the outcome and field path each must get.</summary>
    private static (List<UsageReport> Reports, Dictionary<string, (ReportOutcome Outcome, string FieldPath)> Expected) TenReports()
    {
        var reports = new List<UsageReport>();
        var expected = new Dictionary<string, (ReportOutcome, string)>();
        foreach (var (histogram, fieldPath) in InvalidHistograms)
        {
            var invalid = Reports.Generic();
            invalid.Generic.Metrics["latency"] = new MetricValue { Histogram = histogram };
            var valid = Reports.Generic();
            valid.Generic.Metrics["latency"] = new MetricValue { Histogram = new Histogram { Bounds = { 1, 2 }, Counts = { 1, 2, 3 }, Sum = 9, Count = 6 } };
            reports.Add(invalid);
            reports.Add(valid);
            expected.Add(invalid.ReportId, (ReportOutcome.Rejected, fieldPath));
            expected.Add(valid.ReportId, (ReportOutcome.Accepted, string.Empty));
        }

        return (reports, expected);
    }
}
