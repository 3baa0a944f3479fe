namespace Telemetry.Ingestion.Buffering;

/// <summary>What the buffer did with one report.</summary>
public enum AppendStatus
{
    /// <summary>Appended to its shard stream; durable as configured for Redis (AOF).</summary>
    Accepted,

    /// <summary>A report with the same report_id is still in the buffer; nothing was added.</summary>
    Duplicate,

    /// <summary>
    /// The shard is at its high-water mark, or Redis's memory at <see cref="BufferOptions.MaxRedisMemoryFraction"/>;
    /// nothing was added. Retry after the result's delay.
    /// </summary>
    Overloaded,

    /// <summary>The report's instance is over its product's rate limit; nothing was added. Retry after the result's delay.</summary>
    RateLimited,

    /// <summary>Redis could not be reached in time; nothing is known to have been added. Retry later.</summary>
    Unavailable,
}
