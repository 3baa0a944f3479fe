using System.Diagnostics.Metrics;
using Telemetry.Reporter.Transport;

namespace Telemetry.Reporter.Diagnostics;

/// <summary>
/// The reporter's own instruments, on the <see cref="TelemetryReporter.MeterName"/> meter, so an app that already exports metrics
/// with OpenTelemetry sees them after <c>.AddMeter("Telemetry.Reporter")</c>: reports sent, acknowledged, failed
/// (by <c>error.type</c>) and the delays before retries. Nothing is measured while no one listens.
/// </summary>
internal static class ReporterMetrics
{
    /// <summary>Attribute with the collector's answer to a report.</summary>
    public const string OutcomeAttribute = "telemetry.report.outcome";

    /// <summary>Bucket bounds of the retry delay, in seconds: from the first back-off (seconds) to the longest (hours).</summary>
    private static readonly double[] RetryDelayBuckets = [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600, 7200, 14400];

    private static readonly Meter Meter = new(TelemetryReporter.MeterName, typeof(ReporterMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Sent = Meter.CreateCounter<long>(
        "telemetry.reporter.reports.sent", "{report}", "Attempts to send a report to the collector.");

    private static readonly Counter<long> Acknowledged = Meter.CreateCounter<long>(
        "telemetry.reporter.reports.acknowledged", "{report}", "Reports the collector acknowledged (accepted or duplicate).");

    private static readonly Counter<long> Failed = Meter.CreateCounter<long>(
        "telemetry.reporter.reports.failed", "{report}",
        "Attempts that did not deliver a report, by error.type: rejected (given up), rate_limited, overloaded, transient_failure (retried).");

    private static readonly Histogram<double> RetryDelay = Meter.CreateHistogram(
        "telemetry.reporter.retry.delay", "s", "Delay before a report is sent again.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RetryDelayBuckets });

    /// <summary>Counts one attempt and its outcome; <paramref name="retryDelay"/> is the delay before the next one, if any.</summary>
    public static void Attempted(ReportSendOutcome outcome, TimeSpan? retryDelay)
    {
        Sent.Add(1);
        var name = Name(outcome);
        if (outcome is ReportSendOutcome.Accepted or ReportSendOutcome.Duplicate)
        {
            Acknowledged.Add(1, new KeyValuePair<string, object?>(OutcomeAttribute, name));
            return;
        }

        Failed.Add(1, new KeyValuePair<string, object?>("error.type", name));
        if (retryDelay is { } delay)
        {
            RetryDelay.Record(delay.TotalSeconds, new KeyValuePair<string, object?>("error.type", name));
        }
    }

    private static string Name(ReportSendOutcome outcome) => outcome switch
    {
        ReportSendOutcome.Accepted => "accepted",
        ReportSendOutcome.Duplicate => "duplicate",
        ReportSendOutcome.Rejected => "rejected",
        ReportSendOutcome.RateLimited => "rate_limited",
        ReportSendOutcome.Overloaded => "overloaded",
        _ => "transient_failure",
    };
}
