namespace Telemetry.Ingestion.RateLimiting;

/// <summary>Whether a report may pass the rate limit, and if not, when to send it again.</summary>
/// <param name="IsAllowed">Whether the report is within the limit.</param>
/// <param name="RetryDelay">When limited: how long until one report would be allowed; zero when allowed.</param>
public readonly record struct RateLimitDecision(bool IsAllowed, TimeSpan RetryDelay)
{
    /// <summary>The report is within the limit.</summary>
    public static RateLimitDecision Allowed => new(true, TimeSpan.Zero);

    /// <summary>The report exceeds the limit; retry after <paramref name="retryDelay"/>.</summary>
    public static RateLimitDecision Limited(TimeSpan retryDelay) => new(false, retryDelay);
}
