using System.Text.RegularExpressions;
using Telemetry.Reporter.IntegrationTests.Infrastructure;
using Telemetry.Reporter.Transport;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Reporter.IntegrationTests;

/// <summary>A reporter with its default gRPC transport against the real collector, in this process, on a real Redis.</summary>
[TestFixture]
public sealed partial class ReporterToCollectorTests
{
    private string _dataDirectory = string.Empty;

    [SetUp]
    public void SetUp() => _dataDirectory = Directory.CreateTempSubdirectory("telemetry-reporter-it-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dataDirectory, recursive: true);

    [Test]
    [CancelAfter(60_000)]
    public async Task Report_ToTheCollector_IsBufferedWithItsFieldsAndPrivacyRulesApplied(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), cancellationToken: cancellationToken);
        var events = new ReporterEvents();
        await using var reporter = TelemetryReporter.Create(Options(collector.Endpoint, "coroot"), loggerFactory: events);
        reporter.Metrics.IntValue("infra.projects").Set(2);
        reporter.Metrics.IntValue("infra.nodes").Set(12_345);
        var preview = (await reporter.PreviewAsync(cancellationToken))!.Report;

        // Act
        await reporter.StartAsync(cancellationToken);
        var sent = await events.WaitForAsync("ReportSent", cancellationToken);

        // Assert
        var stored = (await collector.BufferedReportsAsync(SharedRedis.Server)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Values["Outcome"], Is.EqualTo(ReportSendOutcome.Accepted));
            Assert.That(stored.ReportId, Is.EqualTo(sent.Values["ReportId"]));
            Assert.That(stored.PayloadCase, Is.EqualTo(UsageReport.PayloadOneofCase.Coroot));
            Assert.That(stored.Coroot.Infra.Projects, Is.EqualTo(2));
            Assert.That(stored.Coroot.Infra.Nodes, Is.EqualTo(12_300), "ROUNDED to three significant digits");
            Assert.That(stored.Instance.InstanceId, Is.Not.Empty.And.EqualTo(preview.Instance.InstanceId));
            Assert.That(stored.Build.Version, Is.Not.Empty.And.EqualTo(preview.Build.Version));
            Assert.That(stored.Build.BuildUser, Is.Empty, "NEVER_STORED");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Report_DuringACollectorRestart_IsDeliveredOnceAfterTheReporterReconnects(CancellationToken cancellationToken)
    {
        // Arrange: a reporter with an open stream to a collector, which then stops.
        var keyPrefix = Collector.KeyPrefixForCurrentTest();
        var first = await Collector.StartAsync(SharedRedis.Server, keyPrefix, cancellationToken: cancellationToken);
        var port = first.GrpcPort;
        var events = new ReporterEvents();
        var options = Options(first.Endpoint, "restartapp");
        options.Interval = TimeSpan.FromSeconds(2);
        await using var reporter = TelemetryReporter.Create(options, loggerFactory: events);
        await reporter.StartAsync(cancellationToken);
        var delivered = await events.WaitForAsync("ReportSent", cancellationToken);
        await first.DisposeAsync();

        // Act: the next report fails while the collector is down; a new collector starts on the same port.
        var failed = await events.WaitForAsync(e => e.Name == "ReportRetryScheduled" && !Equals(e.Values["ReportId"], delivered.Values["ReportId"]), cancellationToken);
        var retriedId = (string)failed.Values["ReportId"]!;
        await using var second = await Collector.StartAsync(SharedRedis.Server, keyPrefix, grpcPort: port, cancellationToken: cancellationToken);
        await events.WaitForAsync(e => e.Name == "ReportSent" && Equals(e.Values["ReportId"], retriedId), cancellationToken);
        await reporter.StopAsync(cancellationToken);

        // Assert
        var storedIds = (await second.BufferedReportsAsync(SharedRedis.Server)).Select(r => r.ReportId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(storedIds, Has.Exactly(1).EqualTo(retriedId));
            Assert.That(storedIds, Has.Exactly(1).EqualTo(delivered.Values["ReportId"]));
            Assert.That(storedIds, Is.Unique, "duplicate entries");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Report_RateLimited_IsRetriedOnlyAfterTheCollectorsRetryDelay(CancellationToken cancellationToken)
    {
        // Arrange: one report an hour per instance; a first reporter spends it, a second one with the same identity follows.
        var limits = new Dictionary<string, string?>
        {
            ["RateLimiting:Default:ReportsPerHour"] = "1",
            ["RateLimiting:Default:Burst"] = "1",
        };
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), limits, cancellationToken: cancellationToken);
        var options = Options(collector.Endpoint, "limitedapp");
        var firstEvents = new ReporterEvents();
        await using (var spender = TelemetryReporter.Create(options, loggerFactory: firstEvents))
        {
            await spender.StartAsync(cancellationToken);
            await firstEvents.WaitForAsync("ReportSent", cancellationToken);
            await spender.StopAsync(cancellationToken);
        }

        var events = new ReporterEvents();
        await using var reporter = TelemetryReporter.Create(options, loggerFactory: events);

        // Act
        await reporter.StartAsync(cancellationToken);
        var limited = await events.WaitForAsync("ReportRetryScheduled", cancellationToken);
        await reporter.StopAsync(cancellationToken);

        // Assert
        var metrics = await collector.Operations.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(limited.Values["Outcome"], Is.EqualTo(ReportSendOutcome.RateLimited));
            Assert.That((TimeSpan)limited.Values["RetryDelay"]!, Is.GreaterThan(TimeSpan.FromMinutes(30)));
            Assert.That(events.All.Count(e => e.Name == "ReportRetryScheduled"), Is.EqualTo(1), "attempts");
            Assert.That(IngestedCount(metrics, "rate_limited"), Is.EqualTo(1), "rate-limited attempts the collector saw");
            Assert.That(IngestedCount(metrics, "accepted"), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Reporter_Disabled_SendsNothingToAConfiguredCollector(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), cancellationToken: cancellationToken);
        var options = Options(collector.Endpoint, "disabledapp");
        options.Enabled = false;
        var events = new ReporterEvents();
        await using var reporter = TelemetryReporter.Create(options, loggerFactory: events);

        // Act
        await reporter.StartAsync(cancellationToken);
        await reporter.StopAsync(cancellationToken);

        // Assert
        var metrics = await collector.Operations.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(reporter.Consent.Enabled, Is.False);
            Assert.That(await collector.BufferedReportsAsync(SharedRedis.Server), Is.Empty);
            Assert.That(metrics, Does.Not.Match("telemetry_ingest_reports_total\\{[^}]*\\} [1-9]"));
            Assert.That(events.All.Select(e => e.Name), Has.None.EqualTo("ReportSent").And.None.EqualTo("ReportRetryScheduled"));
            Assert.That(Directory.EnumerateFileSystemEntries(_dataDirectory), Is.Empty, "identity or report written");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task StopAsync_WithReportOnStop_SendsWhatWasCountedSinceTheLastReport(CancellationToken cancellationToken)
    {
        // Arrange: a short-lived process reports at start-up, counts, and stops long before its next interval.
        var unlimited = new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" };
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), unlimited, cancellationToken: cancellationToken);
        var events = new ReporterEvents();
        var options = Options(collector.Endpoint, "tempo");
        options.ReportOnStop = true;
        var reporter = TelemetryReporter.Create(options, loggerFactory: events);
        var spans = reporter.Metrics.Counter("distributor_spans_received");
        spans.Add(10);
        await reporter.StartAsync(cancellationToken);
        await events.WaitForAsync("ReportSent", cancellationToken);
        spans.Add(25);

        // Act: stopping, then disposing, which stops again.
        await reporter.StopAsync(cancellationToken);
        await reporter.DisposeAsync();

        // Assert: the start-up report carried the first count, the last report only what came after it.
        var stored = (await collector.BufferedReportsAsync(SharedRedis.Server)).OrderBy(r => r.ReportTime).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(stored.Select(r => r.Tempo.Metrics.DistributorSpansReceived.Total), Is.EqualTo(new ulong[] { 10, 25 }));
            Assert.That(stored.Select(r => r.ReportId).Distinct().Count(), Is.EqualTo(2));
            Assert.That(events.All.Where(e => e.Name == "ReportSent"), Has.Exactly(2).Items);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task StopAsync_WithoutReportOnStop_SendsNothingMore(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), cancellationToken: cancellationToken);
        var events = new ReporterEvents();
        var reporter = TelemetryReporter.Create(Options(collector.Endpoint, "tempo"), loggerFactory: events);
        await reporter.StartAsync(cancellationToken);
        await events.WaitForAsync("ReportSent", cancellationToken);
        reporter.Metrics.Counter("distributor_spans_received").Add(25);

        // Act
        await reporter.DisposeAsync();

        // Assert
        Assert.That(await collector.BufferedReportsAsync(SharedRedis.Server), Has.Count.EqualTo(1));
    }

    private static long IngestedCount(string metrics, string outcome)
    {
        var match = Regex.Match(metrics, $"telemetry_ingest_reports_total\\{{[^}}]*telemetry_report_outcome=\"{outcome}\"[^}}]*\\}} (\\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private TelemetryReporterOptions Options(Uri endpoint, string product) => ReporterOptions.ForCollector(endpoint, product, _dataDirectory);
}
