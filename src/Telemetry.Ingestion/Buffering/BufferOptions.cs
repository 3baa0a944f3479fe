using System.ComponentModel.DataAnnotations;

namespace Telemetry.Ingestion.Buffering;

/// <summary>The Redis Streams buffer that holds accepted reports until the uploader has stored them.</summary>
public sealed class BufferOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Buffer";

    /// <summary>
    /// Number of streams reports are sharded across, by a stable hash of the instance key (cluster_id, else
    /// instance_id). Defaults to 4. Changing it moves installations to other shards, so a retry sent across the
    /// change is not recognized as a duplicate (the sinks still store it once) and rate limits start afresh.
    /// </summary>
    [Range(1, 1024)]
    public int Shards { get; set; } = 4;

    /// <summary>High-water mark in entries per shard: at or above it new reports are refused as overloaded. Defaults to 1,000,000.</summary>
    [Range(1, long.MaxValue)]
    public long MaxEntriesPerShard { get; set; } = 1_000_000;

    /// <summary>
    /// High-water mark in payload bytes per shard (approximate: the sum of buffered report sizes); at or above it
    /// new reports are refused as overloaded. Defaults to 1 GiB.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxBytesPerShard { get; set; } = 1L << 30;

    /// <summary>
    /// Low-water mark as a fraction of the high-water marks. The retry delay given to refused clients is the time
    /// the measured drain rate needs to bring the backlog down to it. Defaults to 0.8.
    /// </summary>
    [Range(0.0, 1.0)]
    public double LowWaterFraction { get; set; } = 0.8;

    /// <summary>Smallest retry delay given when the buffer is full. Defaults to 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Largest retry delay given when the buffer is full; also the delay when nothing is draining. Defaults to 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Window over which the drain rate (entries and bytes deleted per second) is measured. Defaults to 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DrainRateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// High-water mark for Redis's own memory, as a fraction of its <c>maxmemory</c>: at or above it new reports are
    /// refused as overloaded, before Redis itself refuses writes. Unused when Redis has no maxmemory. Defaults to 0.9.
    /// </summary>
    [Range(0.05, 1.0)]
    public double MaxRedisMemoryFraction { get; set; } = 0.9;

    /// <summary>How often Redis's <c>used_memory</c> is read for <see cref="MaxRedisMemoryFraction"/>. Defaults to 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MemoryCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
