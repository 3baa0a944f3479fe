using System.Diagnostics;
using System.Globalization;
using Telemetry.Reporter.Diagnostics;
using Telemetry.V1;

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

            var type = exception.GetType().FullName ?? exception.GetType().Name;
            var location = Location(exception);
            var (report, _) = _builder.Value.Build(
                identity, _timeProvider.GetUtcNow(), NewReportId(), commit: false, report => AsCrashReport(report, type, location));

            // A transport of its own: the loop's may be in the middle of a send.
            var transport = CreateTransport();
            Transport.ReportSendResult result;
            await using (transport.ConfigureAwait(false))
            {
                using var timeout = new CancellationTokenSource(_options.SendTimeout, _timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
                result = await transport.SendAsync(report, linked.Token).ConfigureAwait(false);
            }

            ReporterLog.CrashReported(_logger, report.ReportId, type, result.Outcome);
            return result.Outcome is Transport.ReportSendOutcome.Accepted or Transport.ReportSendOutcome.Duplicate;
        }
        catch (Exception failure)
        {
            // A crash report must never hide the crash it reports.
            ReporterLog.CrashReportFailed(_logger, failure);
            return false;
        }
    }

    // Qdrant carries crash reports in its payload ("in file X at line Y"); other products get a generic report.
    // Only the type and the place go out: a message may quote user data.
    private void AsCrashReport(UsageReport report, string type, string location)
    {
        if (report.PayloadCase == UsageReport.PayloadOneofCase.Qdrant)
        {
            report.Qdrant = new QdrantReport
            {
                Id = report.Qdrant.Id,
                App = report.Qdrant.App,
                CrashReports = { new QdrantCrashReport { Id = report.Qdrant.Id, Backtrace = $"{type} in {location}" } },
            };
            return;
        }

        report.Generic = new GenericReport
        {
            Product = _options.Product,
            Metrics =
            {
                ["crash.exception_type"] = new MetricValue { StringValue = type },
                ["crash.location"] = new MetricValue { StringValue = location },
            },
        };
    }

    // The innermost frame with a source file, as "file X at line Y" (the file name only: paths name users' folders),
    // or the method when the program has no symbols.
    private static string Location(Exception exception)
    {
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames();
        foreach (var frame in frames)
        {
            if (frame.GetFileName() is { Length: > 0 } file)
            {
                return string.Create(CultureInfo.InvariantCulture, $"file {Path.GetFileName(file)} at line {frame.GetFileLineNumber()}");
            }
        }

        return frames.Length > 0 && frames[0].GetMethod() is { } method
            ? $"method {method.DeclaringType?.FullName}.{method.Name}"
            : "an unknown place";
    }
}
