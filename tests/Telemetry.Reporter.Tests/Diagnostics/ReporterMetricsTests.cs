using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Telemetry.Reporter.Tests.Infrastructure;
using Telemetry.Reporter.Transport;

namespace Telemetry.Reporter.Tests.Diagnostics;

[TestFixture]
public sealed class ReporterMetricsTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_TransientFailureThenSuccess_MeasuresSentFailedAcknowledgedAndRetryDelay(CancellationToken cancellationToken)
    {
        // Arrange
        var measured = new ConcurrentQueue<(string Instrument, double Value, string? Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TelemetryReporter.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measured.Enqueue((instrument.Name, value, Tag(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measured.Enqueue((instrument.Name, value, Tag(tags))));
        listener.Start();
        await using var harness = new ReporterHarness(script: new ReportSendResult(ReportSendOutcome.TransientFailure, "unreachable"));

        // Act
        await harness.Reporter.StartAsync(cancellationToken);
        await harness.Transport.NextAsync(cancellationToken);
        var retryAt = await harness.IdleAsync(cancellationToken);
        harness.AdvanceTo(retryAt);
        await harness.Transport.NextAsync(cancellationToken);
        await harness.IdleAsync(cancellationToken);

        // Assert
        var all = measured.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(all.Count(m => m.Instrument == "telemetry.reporter.reports.sent"), Is.EqualTo(2));
            Assert.That(all.Where(m => m.Instrument == "telemetry.reporter.reports.failed").Select(m => m.Tag), Is.EqualTo(new[] { "transient_failure" }));
            Assert.That(all.Where(m => m.Instrument == "telemetry.reporter.reports.acknowledged").Select(m => m.Tag), Is.EqualTo(new[] { "accepted" }));
            Assert.That(all.Single(m => m.Instrument == "telemetry.reporter.retry.delay").Value, Is.InRange(0.5, 1.0), "the first back-off, in seconds");
        });
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags) => tags.Length == 0 ? null : tags[0].Value as string;
}
