using Telemetry.V1;

namespace Telemetry.Reporter.Transport;

/// <summary>The outcome of one attempt to send a report, with the collector's reason and retry delay.</summary>
/// <param name="Outcome">What became of the report.</param>
/// <param name="Reason">Why, for every outcome other than <see cref="ReportSendOutcome.Accepted"/>; may be empty.</param>
/// <param name="RetryDelay">
/// For <see cref="ReportSendOutcome.RateLimited"/> and <see cref="ReportSendOutcome.Overloaded"/>: how long the
/// collector asks the sender to wait; <see langword="null"/> lets the reporter's backoff decide.
/// </param>
public readonly record struct ReportSendResult(ReportSendOutcome Outcome, string Reason = "", TimeSpan? RetryDelay = null)
{
    /// <summary>The report was stored.</summary>
    public static ReportSendResult Accepted { get; } = new(ReportSendOutcome.Accepted);

    /// <summary>
    /// Translates a collector's <see cref="ReportResult"/> (from <c>IngestService</c>) into a send result. An
    /// outcome this version does not know is retried later, as the contract asks of clients.
    /// </summary>
    /// <param name="result">The collector's result for one report.</param>
    /// <returns>The send result the reporter acts on.</returns>
    public static ReportSendResult FromReportResult(ReportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var retryDelay = result.RetryDelay?.ToTimeSpan() is { } delay && delay > TimeSpan.Zero ? delay : (TimeSpan?)null;
        var reason = result.FieldPath.Length > 0 ? $"{result.FieldPath}: {result.Reason}" : result.Reason;
        return result.Outcome switch
        {
            ReportOutcome.Accepted => Accepted,
            ReportOutcome.Duplicate => new(ReportSendOutcome.Duplicate, reason),
            ReportOutcome.Rejected => new(ReportSendOutcome.Rejected, reason),
            ReportOutcome.RateLimited => new(ReportSendOutcome.RateLimited, reason, retryDelay),
            ReportOutcome.Overloaded => new(ReportSendOutcome.Overloaded, reason, retryDelay),
            _ => new(ReportSendOutcome.TransientFailure, $"unknown outcome {result.Outcome}", retryDelay),
        };
    }

    /// <summary>Whether the collector has the report, so its counts are acknowledged.</summary>
    public bool IsAcknowledged => Outcome is ReportSendOutcome.Accepted or ReportSendOutcome.Duplicate;
}
