using Telemetry.Reporter.Building;
using Telemetry.Reporter.Diagnostics;

namespace Telemetry.Reporter;

public sealed partial class TelemetryReporter
{
    private int _crashHooked;

    /// <summary>Hooks unhandled exceptions when <see cref="TelemetryReporterOptions.ReportCrashes"/> asks for it.</summary>
    private void HookCrashes()
    {
        if (_options.ReportCrashes && Interlocked.Exchange(ref _crashHooked, 1) == 0)
        {
            AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
        }
    }

    private void UnhookCrashes()
    {
        if (Interlocked.Exchange(ref _crashHooked, 0) == 1)
        {
            AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        }
    }

    private void OnUnhandledException(object sender, UnhandledExceptionEventArgs args)
    {
        if (args.ExceptionObject is Exception exception)
        {
            // The process is ending: the report goes out on this thread, within SendTimeout, or not at all.
            ReportCrashAsync(exception, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Sends a crash report for <paramref name="exception"/>: the exception's type and where it was thrown, never its
    /// message. Counts nothing; returns whether the collector acknowledged it.
    /// </summary>
    internal async Task<bool> ReportCrashAsync(Exception exception, CancellationToken cancellationToken)
    {
        try
        {
            if (Volatile.Read(ref _identity) is not { } identity)
            {
                return false;
            }

            var crash = CrashReports.Describe(exception);
            var (report, _) = _builder.Value.Build(
                identity, _timeProvider.GetUtcNow(), NewReportId(), commit: false, report => CrashReports.Apply(report, crash));

            // A transport of its own: the loop's may be in the middle of a send.
            var transport = CreateTransport();
            Transport.ReportSendResult result;
            await using (transport.ConfigureAwait(false))
            {
                using var timeout = new CancellationTokenSource(_options.SendTimeout, _timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
                result = await transport.SendAsync(report, linked.Token).ConfigureAwait(false);
            }

            ReporterLog.CrashReported(_logger, report.ReportId, crash.ErrorType, result.Outcome);
            return result.Outcome is Transport.ReportSendOutcome.Accepted or Transport.ReportSendOutcome.Duplicate;
        }
        catch (Exception failure)
        {
            // A crash report must never hide the crash it reports.
            ReporterLog.CrashReportFailed(_logger, failure);
            return false;
        }
    }
}
