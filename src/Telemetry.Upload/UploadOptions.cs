using System.ComponentModel.DataAnnotations;

namespace Telemetry.Upload;

/// <summary>The batch uploader: which sink, how batches are formed, paced and retried.</summary>
/// <remarks>
/// The batch defaults follow from the storage limits, the way Mozilla's ingestion sink derives its own: a batch of
/// 1,000 reports of ~1–4 KiB is 1–4 MiB, one PostgreSQL COPY or one file append of that size takes a few
/// milliseconds, so batches of 1,000 amortize the per-batch round trips (XREADGROUP, COPY, fsync, XACK) to well under
/// a microsecond per report while staying under the 4 MiB gRPC message limit of the upstream sink; 1 second of age
/// bounds the added latency when traffic is light, far below the 60 s oldest-unacked objective.
/// </remarks>
public sealed class UploadOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Upload";

    /// <summary>Where reports are stored: <c>files</c>, <c>postgres</c> or <c>upstream</c>. Defaults to <c>files</c>.</summary>
    [Required]
    [RegularExpression("^(files|postgres|upstream)$", ErrorMessage = "Upload:Sink must be files, postgres or upstream.")]
    public string Sink { get; set; } = "files";

    /// <summary>Number of buffer shards; must equal the ingestion side's <c>Buffer:Shards</c>, which it defaults to (else 4).</summary>
    [Range(1, 1024)]
    public int Shards { get; set; } = 4;

    /// <summary>Prefix of every Redis key; must equal the ingestion side's <c>Redis:KeyPrefix</c>, which it defaults to (else <c>telemetry:v1:</c>).</summary>
    [Required]
    [RegularExpression(@"^[^{}\s]*$", ErrorMessage = "Upload:KeyPrefix must not contain braces or white space.")]
    public string KeyPrefix { get; set; } = "telemetry:v1:";

    /// <summary>Most reports in one batch. Defaults to 1,000.</summary>
    [Range(1, 100_000)]
    public int BatchMaxReports { get; set; } = 1000;

    /// <summary>Most payload bytes in one batch (a single larger report still forms a batch alone). Defaults to 4 MiB.</summary>
    [Range(1024, 1L << 30)]
    public long BatchMaxBytes { get; set; } = 4L << 20;

    /// <summary>How long a batch may wait for more reports before it is uploaded anyway. Defaults to 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan BatchMaxAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest pause between two reads of an idle shard; the pause starts at 5 ms and doubles while the shard
    /// stays empty. Defaults to 500 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Batches per second uploaded by all uploader instances together, enforced by a GCRA limiter in Redis; 0 turns
    /// the limit off. Defaults to 0 (no limit).
    /// </summary>
    [Range(0, 1_000_000)]
    public double MaxBatchesPerSecond { get; set; }

    /// <summary>Payload bytes per second uploaded by all instances together; 0 turns the limit off. Defaults to 0 (no limit).</summary>
    [Range(0, long.MaxValue)]
    public long MaxBytesPerSecond { get; set; }

    /// <summary>How far uploads may run ahead of the rate limits, in seconds of allowance. Defaults to 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RateLimitBurst { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Deliveries (as counted by XPENDING) after which a report that keeps failing moves to the dead letters.
    /// Sink outages are not counted. Defaults to 5.
    /// </summary>
    [Range(1, 1000)]
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>
    /// Idle time after which another uploader claims (XAUTOCLAIM) the pending reports of one that stopped; set it
    /// above the worst-case batch upload time. Defaults to 60 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan ClaimIdleTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Lifetime of the lease key each uploader renews every third of this time while it runs and deletes when it
    /// stops. The pending reports of an uploader whose lease has expired (killed, or crashed) are claimed by another
    /// uploader once they have been idle this long, rather than after <see cref="ClaimIdleTime"/>. Defaults to 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.300", "00:10:00")]
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First retry delay after a failed upload; doubles up to <see cref="RetryMaxDelay"/>, with jitter. Defaults to 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay. Defaults to 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a graceful shutdown may spend uploading and acknowledging the batch in hand and one more batch per
    /// shard of reports buffered but not yet read. Defaults to 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the buffer gauges (oldest entry age, consumer lag) are refreshed. Defaults to 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The file sink.</summary>
    public FileSinkOptions Files { get; set; } = new();

    /// <summary>The PostgreSQL sink.</summary>
    public PostgresSinkOptions Postgres { get; set; } = new();

    /// <summary>The upstream (relay) sink.</summary>
    public UpstreamSinkOptions Upstream { get; set; } = new();
}
