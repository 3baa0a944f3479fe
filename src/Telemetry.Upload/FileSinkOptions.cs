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
}
