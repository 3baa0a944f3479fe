using Grpc.Core;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>IngestService over the wire: the project's gRPC client against the collector and a real Redis.</summary>
[TestFixture]
public sealed class IngestServiceTests
{
    private static readonly Dictionary<string, string?> GenerousLimits = new()
    {
        ["RateLimiting:Default:ReportsPerHour"] = "3600000",
        ["RateLimiting:Default:Burst"] = "100000",
    };

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_BatchesRetried_BuffersEveryReportOnce(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), GenerousLimits, cancellationToken: cancellationToken);
        var batches = Enumerable.Range(0, 10)
            .Select(_ => new IngestReportsRequest { RequestId = Guid.NewGuid().ToString(), Reports = { Enumerable.Range(0, 20).Select(_ => Reports.Generic()) } })
            .ToList();

        // Act
        var first = await Task.WhenAll(batches.Select(b => collector.Ingest.IngestReportsAsync(b, new CallOptions(cancellationToken: cancellationToken)).ResponseAsync));
        var retried = await Task.WhenAll(batches.Select(b => collector.Ingest.IngestReportsAsync(b, new CallOptions(cancellationToken: cancellationToken)).ResponseAsync));
        var buffered = await collector.BufferedReportIdsAsync(SharedRedis.Server);

        // Assert
        var sent = batches.SelectMany(b => b.Reports).Select(r => r.ReportId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.SelectMany(r => r.Results).Select(r => r.Outcome), Has.All.EqualTo(ReportOutcome.Accepted));
            Assert.That(retried.SelectMany(r => r.Results).Select(r => r.Outcome), Has.All.EqualTo(ReportOutcome.Duplicate));
            Assert.That(first.SelectMany(r => r.Results).Select(r => r.ReportId), Is.EqualTo(sent));
            Assert.That(buffered, Is.EquivalentTo(sent));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task StreamReports_ReportsAndResends_AcknowledgesEachAndBuffersEachOnce(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), GenerousLimits, cancellationToken: cancellationToken);
        var reports = Enumerable.Range(0, 500).Select(_ => Reports.Generic()).ToList();
        var resent = reports.Take(50).ToList();
        using var call = collector.Ingest.StreamReports(new CallOptions(cancellationToken: cancellationToken));

        // Act
        var reading = ReadAllAsync(call.ResponseStream, cancellationToken);
        foreach (var report in reports.Concat(resent))
        {
            await call.RequestStream.WriteAsync(new StreamReportsRequest { Report = report }, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var acknowledgements = await reading;
        var buffered = await collector.BufferedReportIdsAsync(SharedRedis.Server);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.OK));
            Assert.That(acknowledgements, Has.Count.EqualTo(550));
            Assert.That(acknowledgements.Count(a => a.Result.Outcome == ReportOutcome.Accepted), Is.EqualTo(500));
            Assert.That(acknowledgements.Count(a => a.Result.Outcome == ReportOutcome.Duplicate), Is.EqualTo(50));
            Assert.That(acknowledgements.Where(a => a.Result.Outcome == ReportOutcome.Accepted).Select(a => a.Result.ReportId), Is.EquivalentTo(reports.Select(r => r.ReportId)));
            Assert.That(buffered, Is.EquivalentTo(reports.Select(r => r.ReportId)));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_InvalidAndValidReports_AnswersEachAndKeepsTheValidOnes(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), GenerousLimits, cancellationToken: cancellationToken);
        var valid = Reports.Generic();
        var invalid = Reports.Generic();
        invalid.ReportId = "not-a-uuid";
        var request = new IngestReportsRequest { Reports = { valid, invalid } };

        // Act
        var response = await collector.Ingest.IngestReportsAsync(request, new CallOptions(cancellationToken: cancellationToken));
        var buffered = await collector.BufferedReportIdsAsync(SharedRedis.Server);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Results[0].Outcome, Is.EqualTo(ReportOutcome.Accepted));
            Assert.That(response.Results[1].Outcome, Is.EqualTo(ReportOutcome.Rejected));
            Assert.That(response.Results[1].FieldPath, Is.EqualTo("report_id"));
            Assert.That(response.Results[1].Reason, Does.Contain("UUID"));
            Assert.That(buffered, Is.EqualTo(new[] { valid.ReportId }));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_EmptyBatch_ReturnsInvalidArgumentAndKeepsServing(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), GenerousLimits, cancellationToken: cancellationToken);
        var options = new CallOptions(cancellationToken: cancellationToken);

        // Act
        var exception = Assert.ThrowsAsync<RpcException>(() => collector.Ingest.IngestReportsAsync(new IngestReportsRequest(), options).ResponseAsync);
        var next = await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } }, options);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(exception!.Status.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(exception.Status.Detail, Does.StartWith("reports:"));
            Assert.That(next.Results.Single().Outcome, Is.EqualTo(ReportOutcome.Accepted));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_StoredReport_HasNeverStoredFieldsRemoved(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), GenerousLimits, cancellationToken: cancellationToken);
        var report = Reports.Generic();

        // Act
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { report } }, new CallOptions(cancellationToken: cancellationToken));
        var stored = await collector.BufferedReportsAsync(SharedRedis.Server);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.Build.BuildUser, Is.EqualTo("alice"), "the sent report");
            Assert.That(stored.Single().Build.BuildUser, Is.Empty);
            Assert.That(stored.Single().Build.Version, Is.EqualTo("1.0.0"));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_GzipCompressedRequest_IsAccepted(CancellationToken cancellationToken)
    {
        // Arrange: Grpc.Net.Client compresses the request with the encoding this header names.
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), GenerousLimits, cancellationToken: cancellationToken);
        var report = Reports.Generic();
        var headers = new Metadata { { "grpc-internal-encoding-request", "gzip" } };

        // Act
        var response = await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { report } }, headers, cancellationToken: cancellationToken);
        var buffered = await collector.BufferedReportIdsAsync(SharedRedis.Server);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Results.Single().Outcome, Is.EqualTo(ReportOutcome.Accepted));
            Assert.That(buffered, Is.EqualTo(new[] { report.ReportId }));
        });
    }

    private static async Task<List<StreamReportsResponse>> ReadAllAsync(IAsyncStreamReader<StreamReportsResponse> responses, CancellationToken cancellationToken)
    {
        var all = new List<StreamReportsResponse>();
        while (await responses.MoveNext(cancellationToken))
        {
            all.Add(responses.Current);
        }

        return all;
    }
}
