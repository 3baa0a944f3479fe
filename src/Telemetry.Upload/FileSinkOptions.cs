using System.ComponentModel.DataAnnotations;

namespace Telemetry.Upload;

/// <summary>The file sink (<c>Upload:Files</c>): gzip'd newline-delimited protobuf JSON per product and day.</summary>
public sealed class FileSinkOptions
{
    /// <summary>Root directory; files go to <c>&lt;root&gt;/&lt;product&gt;/&lt;yyyy-MM-dd&gt;/</c>. Defaults to <c>data/reports</c>.</summary>
    [Required]
    public string Directory { get; set; } = "data/reports";

    /// <summary>Compressed size at which a file is closed and a new one started. Defaults to 64 MiB.</summary>
    [Range(1024, long.MaxValue)]
    public long RotationBytes { get; set; } = 64L << 20;

    /// <summary>Age at which a file is closed and a new one started. Defaults to 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RotationAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Time without a new batch after which the open file is closed even if it is younger than
    /// <see cref="RotationAge"/>, so stored reports become visible soon after traffic pauses instead of minutes
    /// later. Steady traffic never leaves a file idle, so it still rotates by size and age. Zero turns it off.
    /// Defaults to 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RotationIdleTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many of a partition's latest report_ids are held in memory, so that a report delivered again (after an
    /// uploader crash, or a client's retry after its report left the buffer) is stored once. A report whose id has
    /// been pushed out by this many newer reports of the same product and day is stored a second time. Memory: about
    /// 30 bytes per id for every open partition. Defaults to 250,000 (minutes of traffic at thousands of reports per
    /// second; a whole day at lower rates).
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int RememberedIdsPerPartition { get; set; } = 250_000;
}
