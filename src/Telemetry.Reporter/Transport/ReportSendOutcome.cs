namespace Telemetry.Reporter.Transport;

/// <summary>What became of one attempt to send a report.</summary>
public enum ReportSendOutcome
{
    /// <summary>The collector stored the report. Its counts are acknowledged.</summary>
    Accepted = 0,

    /// <summary>The collector had already stored a report with this ID. Its counts are acknowledged.</summary>
    Duplicate = 1,

    /// <summary>The collector will never accept the report. It is dropped and logged; its counts go into the next report.</summary>
    Rejected = 2,

    /// <summary>The sender exceeded its rate limit; the report is sent again after the retry delay.</summary>
    RateLimited = 3,

    /// <summary>The collector is overloaded; the report is sent again after the retry delay.</summary>
    Overloaded = 4,

    /// <summary>The report could not be delivered (network, timeout); it is sent again after a backoff.</summary>
    TransientFailure = 5,
}
