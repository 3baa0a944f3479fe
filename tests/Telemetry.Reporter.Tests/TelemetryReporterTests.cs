using System.Text.Json;
using Microsoft.Extensions.Options;
using Telemetry.Reporter.Tests.Infrastructure;
using Telemetry.Reporter.Transport;

namespace Telemetry.Reporter.Tests;

[TestFixture]
public sealed class TelemetryReporterTests
{
    private static readonly DateTimeOffset T0 = ManualTimeProvider.DefaultStart;

    [Test]
    [CancelAfter(5000)]
    public async Task PreviewAsync_BeforeTheSend_BytesEqualTheSentReportAndNoCounterIsReset(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness();
        var requests = harness.Reporter.Metrics.Counter("requests");
        requests.Add(42);
        harness.Reporter.Metrics.StringValue("storage_backend").Set("s3");

        // Act
        var preview = await harness.Reporter.PreviewAsync(cancellationToken);
        var secondPreview = await harness.Reporter.PreviewAsync(cancellationToken);
        await harness.Reporter.StartAsync(cancellationToken);
        var sent = await harness.Transport.NextAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(preview, Is.Not.Null);
            Assert.That(sent.Bytes, Is.EqualTo(preview!.ToByteArray()));
            Assert.That(secondPreview!.ToByteArray(), Is.EqualTo(preview.ToByteArray()));
            Assert.That(sent.Report.Generic.Metrics["requests"].Counter.Total, Is.EqualTo(42));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task PreviewAsync_ReportAwaitingRetry_ReturnsExactlyThatReport(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(script: new ReportSendResult(ReportSendOutcome.TransientFailure));
        harness.Reporter.Metrics.Counter("requests").Add(3);
        await harness.Reporter.StartAsync(cancellationToken);
        var failed = await harness.Transport.NextAsync(cancellationToken);
        await harness.IdleAsync(cancellationToken);
        harness.Reporter.Metrics.Counter("requests").Add(100);

        // Act
        var preview = await harness.Reporter.PreviewAsync(cancellationToken);

        // Assert
        Assert.That(preview!.ToByteArray(), Is.EqualTo(failed.Bytes));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_TransientFailureThenSuccess_RetriesSameReportAndResetsOnlyAcknowledgedCounts(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(script: new ReportSendResult(ReportSendOutcome.TransientFailure, "unreachable"));
        var requests = harness.Reporter.Metrics.Counter("requests");
        requests.Add(10);

        // Act
        await harness.Reporter.StartAsync(cancellationToken);
        var failed = await harness.Transport.NextAsync(cancellationToken);
        var retryAt = await harness.IdleAsync(cancellationToken);
        requests.Add(5);
        harness.AdvanceTo(retryAt);
        var retried = await harness.Transport.NextAsync(cancellationToken);
        await harness.IdleAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(retryAt - T0, Is.InRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)), "first backoff");
            Assert.That(retried.Report.ReportId, Is.EqualTo(failed.Report.ReportId));
            Assert.That(retried.Bytes, Is.EqualTo(failed.Bytes));
            Assert.That(retried.Report.Generic.Metrics["requests"].Counter.Total, Is.EqualTo(10));
            Assert.That(requests.Unacknowledged, Is.EqualTo(5), "the increment made during the outage survives");
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_RateLimitedWithRetryDelay_WaitsTheAskedDelay(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(
            script: new ReportSendResult(ReportSendOutcome.RateLimited, "slow down", TimeSpan.FromMinutes(30)));

        // Act
        await harness.Reporter.StartAsync(cancellationToken);
        var limited = await harness.Transport.NextAsync(cancellationToken);
        var retryAt = await harness.IdleAsync(cancellationToken);
        harness.AdvanceTo(retryAt);
        var retried = await harness.Transport.NextAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(retryAt, Is.EqualTo(T0.AddMinutes(30)));
            Assert.That(retried.Time, Is.EqualTo(T0.AddMinutes(30)));
            Assert.That(retried.Report.ReportId, Is.EqualTo(limited.Report.ReportId));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_Rejected_DropsReportLogsAndCarriesCountsToTheNextSlot(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(script: new ReportSendResult(ReportSendOutcome.Rejected, "bad field"));
        harness.Reporter.Metrics.Counter("requests").Add(10);

        // Act
        await harness.Reporter.StartAsync(cancellationToken);
        var rejected = await harness.Transport.NextAsync(cancellationToken);
        var nextWake = await harness.IdleAsync(cancellationToken);
        harness.AdvanceTo(nextWake);
        var next = await harness.Transport.NextAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(nextWake, Is.EqualTo(T0.AddHours(1)), "no retry of a rejected report");
            Assert.That(harness.Logs.EventNames, Does.Contain("ReportRejected"));
            Assert.That(next.Report.ReportId, Is.Not.EqualTo(rejected.Report.ReportId));
            Assert.That(next.Report.Generic.Metrics["requests"].Counter.Total, Is.EqualTo(10));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_CollectorDownForAWholeInterval_SlotExpiresAndNextReportCarriesItsCounts(CancellationToken cancellationToken)
    {
        // Arrange
        var failures = Enumerable.Repeat(new ReportSendResult(ReportSendOutcome.TransientFailure), 1000).ToArray();
        await using var harness = new ReporterHarness(script: failures);
        harness.Reporter.Metrics.Counter("requests").Add(10);
        await harness.Reporter.StartAsync(cancellationToken);
        var first = await harness.Transport.NextAsync(cancellationToken);

        // Act: follow the retries until the next slot is due.
        RecordingTransportSentOf? second = null;
        for (var step = 0; step < 200 && second is null; step++)
        {
            var wake = await harness.IdleAsync(cancellationToken);
            harness.AdvanceTo(wake);
            var sent = await harness.Transport.NextAsync(cancellationToken);
            if (sent.Report.ReportId != first.Report.ReportId)
            {
                second = new RecordingTransportSentOf(sent.Report.ReportId, sent.Time, sent.Report.Generic.Metrics["requests"].Counter.Total,
                    sent.Report.Instance.IntervalStartTime.ToDateTimeOffset());
            }
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.Null);
            Assert.That(second!.Time, Is.EqualTo(T0.AddHours(1)));
            Assert.That(second.IntervalStart, Is.EqualTo(T0.AddHours(1)));
            Assert.That(second.Total, Is.EqualTo(10), "the expired report's counts were not lost");
            Assert.That(harness.Logs.EventNames, Does.Contain("ReportExpired"));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_ProcessSuspendedForSeveralIntervals_SkipsMissedSlotsWithoutABurst(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness();
        await harness.Reporter.StartAsync(cancellationToken);
        await harness.Transport.NextAsync(cancellationToken);
        await harness.IdleAsync(cancellationToken);

        // Act: the clock jumps five and a half intervals at once.
        harness.Time.Jump(TimeSpan.FromHours(5.5));
        var nextWake = await harness.IdleAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(harness.Transport.Sent, Has.Count.EqualTo(1), "no catch-up reports");
            Assert.That(nextWake, Is.EqualTo(T0.AddHours(6)));
            Assert.That(harness.Logs.EventNames, Does.Contain("SlotsSkipped"));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_AlignedSchedule_FirstReportAtTheNextBoundaryAfterTheIdentityWasCreated(CancellationToken cancellationToken)
    {
        // Arrange: the identity is created at T0; the process starts 90 minutes later.
        await using var harness = new ReporterHarness(options => options.Schedule = ReportScheduleMode.Aligned);
        await harness.Reporter.PreviewAsync(cancellationToken);
        harness.Time.Advance(TimeSpan.FromMinutes(90));

        // Act
        await harness.Reporter.StartAsync(cancellationToken);
        var firstWake = await harness.IdleAsync(cancellationToken);
        harness.AdvanceTo(firstWake);
        var sent = await harness.Transport.NextAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(firstWake, Is.EqualTo(T0.AddHours(2)));
            Assert.That(sent.Report.Instance.IntervalStartTime.ToDateTimeOffset(), Is.EqualTo(T0.AddHours(2)));
            Assert.That(sent.Report.Instance.CreatedTime.ToDateTimeOffset(), Is.EqualTo(T0));
            Assert.That(sent.Report.Instance.IntervalPeriod.ToTimeSpan(), Is.EqualTo(TimeSpan.FromHours(1)));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_ReportAccepted_KeepsLastReportWithItsSendTime(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness();

        // Act
        await harness.Reporter.StartAsync(cancellationToken);
        var sent = await harness.Transport.NextAsync(cancellationToken);
        await harness.IdleAsync(cancellationToken);
        using var lastReport = JsonDocument.Parse(await File.ReadAllTextAsync(harness.Reporter.LastReportPath, cancellationToken));

        // Assert
        var root = lastReport.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(harness.Reporter.LastReportPath, Is.EqualTo(Path.Combine(harness.DataDirectory, "last-report.json")));
            Assert.That(root.GetProperty("sent_time").GetDateTimeOffset(), Is.EqualTo(T0));
            Assert.That(root.GetProperty("outcome").GetString(), Is.EqualTo("Accepted"));
            Assert.That(root.GetProperty("report").GetProperty("report_id").GetString(), Is.EqualTo(sent.Report.ReportId));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_DryRun_LogsTheReportAndCreatesNoTransport(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(options => options.DryRun = true);

        // Act
        await harness.Reporter.StartAsync(cancellationToken);
        await harness.IdleAsync(cancellationToken);
        var preview = await harness.Reporter.PreviewAsync(cancellationToken);

        // Assert
        var dryRun = harness.Logs.Events.Single(e => e.EventName == "DryRunReport");
        Assert.Multiple(() =>
        {
            Assert.That(harness.Factory.Created, Is.Zero);
            Assert.That(dryRun.Message, Does.Contain("\"product\": \"testapp\""));
            Assert.That(File.ReadAllText(harness.Reporter.LastReportPath), Does.Contain("\"dry_run\": true"));
            Assert.That(preview!.Report.Instance.IntervalStartTime.ToDateTimeOffset(), Is.EqualTo(T0.AddHours(1)));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StopAsync_AfterSends_DisposesTheTransport(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness();
        await harness.Reporter.StartAsync(cancellationToken);
        await harness.Transport.NextAsync(cancellationToken);

        // Act
        await harness.Reporter.StopAsync(cancellationToken);

        // Assert
        Assert.That(harness.Transport.Disposed, Is.True);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_InvalidOptions_ThrowsOptionsValidationException(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(options =>
        {
            options.Product = "Not Valid";
            options.Interval = TimeSpan.Zero;
        });

        // Act
        async Task Act() => await harness.Reporter.StartAsync(cancellationToken);

        // Assert
        var exception = Assert.ThrowsAsync<OptionsValidationException>(Act);
        Assert.That(exception!.Failures.Count(), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task PreviewAsync_Disabled_ReturnsTheReportMarkedNotSentAndStoresNoIdentity(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(options => options.Enabled = false);
        harness.Reporter.Metrics.StringValue("storage_backend").Set("s3");

        // Act
        var preview = await harness.Reporter.PreviewAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(preview.WillBeSent, Is.False);
            Assert.That(preview.NotSentReason, Is.EqualTo("configuration: Enabled=false"));
            Assert.That(preview.Report.Generic.Metrics["storage_backend"].StringValue, Is.EqualTo("s3"));
            Assert.That(preview.Report.Instance.InstanceId, Is.Not.Empty);
            Assert.That(Directory.EnumerateFileSystemEntries(harness.DataDirectory), Is.Empty);
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task ConfigureReport_Callbacks_SetFieldsBeforeAnonymizationInPreviewAndSend(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(options =>
        {
            options.Product = "qdrant";
            options.ConfigureReport = report => report.Qdrant.Collections = new V1.QdrantCollections { NumberOfCollections = 2 };
        });
        harness.Reporter.ConfigureReport(report => report.Qdrant.Collections.Collections.Add(new V1.QdrantCollection { Id = "products" }));
        harness.Reporter.ConfigureReport(report => report.Qdrant.CrashReports.Add(new V1.QdrantCrashReport { Error = "quoted user data" }));

        // Act
        var preview = await harness.Reporter.PreviewAsync(cancellationToken);
        await harness.Reporter.StartAsync(cancellationToken);
        var sent = await harness.Transport.NextAsync(cancellationToken);

        // Assert
        var collections = sent.Report.Qdrant.Collections;
        Assert.Multiple(() =>
        {
            Assert.That(collections.NumberOfCollections, Is.EqualTo(2));
            Assert.That(collections.Collections.Single().Id, Has.Length.EqualTo(32).And.Not.EqualTo("products"), "KEYED_HASH");
            Assert.That(sent.Report.Qdrant.CrashReports.Single().Error, Is.Empty, "NEVER_STORED");
            Assert.That(sent.Bytes, Is.EqualTo(preview.ToByteArray()));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task ConfigureReport_CallbackThrows_LogsAndSendsTheReport(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness();
        harness.Reporter.ConfigureReport(_ => throw new InvalidOperationException("bug"));
        harness.Reporter.ConfigureReport(report => report.Target = "after");

        // Act
        await harness.Reporter.StartAsync(cancellationToken);
        var sent = await harness.Transport.NextAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(sent.Report.Target, Is.EqualTo("after"));
            Assert.That(harness.Logs.EventNames, Does.Contain("ReportCallbackFailed"));
        });
    }

    private sealed record RecordingTransportSentOf(string ReportId, DateTimeOffset Time, long Total, DateTimeOffset IntervalStart);
}
