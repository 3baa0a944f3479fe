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

    /// <summary>Whether the collector has the report, so its counts are acknowledged.</summary>
    public bool IsAcknowledged => Outcome is ReportSendOutcome.Accepted or ReportSendOutcome.Duplicate;
}
