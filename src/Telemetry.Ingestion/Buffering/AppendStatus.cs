namespace Telemetry.Ingestion.Buffering;

/// <summary>What the buffer did with one report.</summary>
public enum AppendStatus
{
    /// <summary>Appended to its shard stream; durable as configured for Redis (AOF).</summary>
    Accepted,

    /// <summary>A report with the same report_id was appended within the deduplication window; nothing was added.</summary>
    Duplicate,

    /// <summary>The shard is at its high-water mark; nothing was added. Retry after the result's delay.</summary>
    Overloaded,

    /// <summary>Redis could not be reached in time; nothing is known to have been added. Retry later.</summary>
    Unavailable,
}
