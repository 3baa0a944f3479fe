using System.ComponentModel.DataAnnotations;

namespace Telemetry.Server.Diagnostics;

/// <summary>Settings of the collector's health checks (section <c>Health</c>).</summary>
internal sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// Age of the oldest buffered report past which the uploaders are reported lagging (degraded, still ready).
    /// Default one minute, the objective for the oldest unacknowledged report.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan UploadLagThreshold { get; set; } = TimeSpan.FromMinutes(1);
}
