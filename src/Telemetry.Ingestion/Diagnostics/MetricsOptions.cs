using System.ComponentModel.DataAnnotations;

namespace Telemetry.Ingestion.Diagnostics;

/// <summary>Settings of the collector's own metrics (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>How often the buffer gauges are read from Redis (one script call per shard). Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan BufferInterval { get; set; } = TimeSpan.FromSeconds(5);
}
