using Microsoft.Extensions.Logging;

namespace Telemetry.Reporter.Diagnostics;

/// <summary>The reporter's log events. Send failures are logged at Debug, so blocked egress does not flood logs.</summary>
internal static partial class ReporterLog
{
    [LoggerMessage(EventId = 4001, EventName = "ReportingDisabled", Level = LogLevel.Information,
        Message = "Usage reporting is disabled ({Reason}); no report is built or sent")]
    public static partial void ReportingDisabled(ILogger logger, string reason);

    [LoggerMessage(EventId = 4002, EventName = "ReportingEnabled", Level = LogLevel.Information,
        Message = "Usage reporting is enabled for {Product}: anonymous reports every {Interval} under installation ID {InstallationId}; preview them or opt out as documented")]
    public static partial void ReportingEnabled(ILogger logger, string product, TimeSpan interval, string installationId);

    [LoggerMessage(EventId = 4003, EventName = "IdentityNotPersisted", Level = LogLevel.Warning,
        Message = "Could not keep the installation identity in {Directory}; this process uses a temporary one")]
    public static partial void IdentityNotPersisted(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 4004, EventName = "IdentityUnavailable", Level = LogLevel.Debug,
        Message = "Could not read or create the installation identity; retrying in {RetryDelay}")]
    public static partial void IdentityUnavailable(ILogger logger, TimeSpan retryDelay, Exception exception);

    [LoggerMessage(EventId = 4005, EventName = "ReportSent", Level = LogLevel.Debug,
        Message = "Report {ReportId} for the interval starting {IntervalStart} was {Outcome}")]
    public static partial void ReportSent(ILogger logger, string reportId, DateTimeOffset intervalStart, Transport.ReportSendOutcome outcome);

    [LoggerMessage(EventId = 4006, EventName = "ReportRejected", Level = LogLevel.Warning,
        Message = "Report {ReportId} was rejected by the collector and is dropped: {Reason}")]
    public static partial void ReportRejected(ILogger logger, string reportId, string reason);

    [LoggerMessage(EventId = 4007, EventName = "ReportRetryScheduled", Level = LogLevel.Debug,
        Message = "Report {ReportId} was not delivered ({Outcome}: {Reason}); retrying in {RetryDelay}")]
    public static partial void ReportRetryScheduled(ILogger logger, string reportId, Transport.ReportSendOutcome outcome, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = 4008, EventName = "ReportQueueFull", Level = LogLevel.Warning,
        Message = "The report queue is full; dropped the oldest report {ReportId} ({DroppedTotal} dropped since start); its counts go into the next report")]
    public static partial void ReportQueueFull(ILogger logger, string reportId, long droppedTotal);

    [LoggerMessage(EventId = 4009, EventName = "ReportExpired", Level = LogLevel.Debug,
        Message = "Report {ReportId} for the interval starting {IntervalStart} is a whole interval old and is dropped; its counts go into the next report")]
    public static partial void ReportExpired(ILogger logger, string reportId, DateTimeOffset intervalStart);

    [LoggerMessage(EventId = 4010, EventName = "SlotsSkipped", Level = LogLevel.Debug,
        Message = "Skipped the reporting intervals from {From} to {To}, which passed while the reporter could not run")]
    public static partial void SlotsSkipped(ILogger logger, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(EventId = 4011, EventName = "DryRunReport", Level = LogLevel.Information,
        Message = "Dry run: this usage report would be sent: {Report}")]
    public static partial void DryRunReport(ILogger logger, Telemetry.V1.UsageReport report);

    [LoggerMessage(EventId = 4012, EventName = "LastReportNotWritten", Level = LogLevel.Debug,
        Message = "Could not write the copy of the last sent report in {Directory}")]
    public static partial void LastReportNotWritten(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 4013, EventName = "NoTransport", Level = LogLevel.Warning,
        Message = "No report transport is configured; reports are logged as in a dry run")]
    public static partial void NoTransport(ILogger logger);

    [LoggerMessage(EventId = 4014, EventName = "ReportingFailed", Level = LogLevel.Warning,
        Message = "The usage reporter stopped after an unexpected error; the host is not affected")]
    public static partial void ReportingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4015, EventName = "TransportFailed", Level = LogLevel.Debug,
        Message = "Sending report {ReportId} failed")]
    public static partial void TransportFailed(ILogger logger, string reportId, Exception exception);

    [LoggerMessage(EventId = 4016, EventName = "StreamUnsupported", Level = LogLevel.Information,
        Message = "The collector at {Endpoint} cannot serve the report stream ({Detail}); sending reports with unary IngestReports instead")]
    public static partial void StreamUnsupported(ILogger logger, Uri endpoint, string detail);

    [LoggerMessage(EventId = 4017, EventName = "StreamFailed", Level = LogLevel.Debug,
        Message = "The report stream to {Endpoint} failed; reconnecting in {ReconnectDelay} at the earliest")]
    public static partial void StreamFailed(ILogger logger, Uri endpoint, TimeSpan reconnectDelay, Exception exception);

    [LoggerMessage(EventId = 4018, EventName = "FinalReportNotSent", Level = LogLevel.Debug,
        Message = "The last report at stop was not acknowledged ({Outcome}); its counts are not reported")]
    public static partial void FinalReportNotSent(ILogger logger, Transport.ReportSendOutcome outcome);

    [LoggerMessage(EventId = 4019, EventName = "FinalReportFailed", Level = LogLevel.Debug,
        Message = "The last report at stop could not be built or sent; its counts are not reported")]
    public static partial void FinalReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4020, EventName = "ReportCallbackFailed", Level = LogLevel.Warning,
        Message = "A report callback threw while report {ReportId} was built; the report carries what was set before")]
    public static partial void ReportCallbackFailed(ILogger logger, string reportId, Exception exception);

    [LoggerMessage(EventId = 4021, EventName = "CrashReported", Level = LogLevel.Information,
        Message = "Crash report {ReportId} for an unhandled {ExceptionType}: {Outcome}")]
    public static partial void CrashReported(ILogger logger, string reportId, string exceptionType, Transport.ReportSendOutcome outcome);

    [LoggerMessage(EventId = 4022, EventName = "CrashReportFailed", Level = LogLevel.Debug,
        Message = "The crash report could not be built or sent")]
    public static partial void CrashReportFailed(ILogger logger, Exception exception);
}
