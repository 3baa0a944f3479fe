using Telemetry.Reporter.Diagnostics;
using Telemetry.V1;

namespace Telemetry.Reporter;

public sealed partial class TelemetryReporter
{
    private Action<UsageReport>[] _reportCallbacks = [];

    /// <summary>
    /// Adds a callback that sets any part of each report directly, for what a metric registry is the wrong shape
    /// for: lists of messages (Qdrant's collections, InfluxDB's per-function call counts), maps keyed by data, or
    /// fields computed when the report is built.
    /// </summary>
    /// <param name="configure">
    /// Called with each report after the metrics and the reporter's own fields are in, and before the privacy rules
    /// are applied and the report is previewed or sent; what it sets is anonymized like everything else. It runs on
    /// the reporter's loop or the caller of <see cref="PreviewAsync(CancellationToken)"/>, once per report built (previews included),
    /// so it must be quick and thread-safe, and should read state rather than change it.
    /// </param>
    /// <remarks>
    /// Callbacks run in the order they were added, after <see cref="TelemetryReporterOptions.ConfigureReport"/>. One
    /// that throws is logged (<c>ReportCallbackFailed</c>) and the report goes out with what was set until then.
    /// </remarks>
    public void ConfigureReport(Action<UsageReport> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        lock (_stateLock)
        {
            _reportCallbacks = [.. _reportCallbacks, configure];
        }
    }

    private void ApplyReportCallbacks(UsageReport report)
    {
        foreach (var callback in Volatile.Read(ref _reportCallbacks))
        {
            try
            {
                callback(report);
            }
            catch (Exception exception)
            {
                // An application's bug in its own fields must not stop its reports.
                ReporterLog.ReportCallbackFailed(_logger, report.ReportId, exception);
            }
        }
    }
}
