namespace Telemetry.Ingestion.RateLimiting;

/// <summary>Limits how often one instance of one product may send reports.</summary>
public interface IReportRateLimiter
{
    /// <summary>
    /// Takes one report from the limit of (<paramref name="product"/>, <paramref name="instanceKey"/>) if it allows one.
    /// </summary>
    /// <exception cref="Buffering.BufferUnavailableException">Redis, which holds the limits, is unavailable.</exception>
    Task<RateLimitDecision> AcquireAsync(string product, string instanceKey, CancellationToken cancellationToken = default);
}
