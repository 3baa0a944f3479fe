using System.ComponentModel.DataAnnotations;

namespace Telemetry.Ingestion.RateLimiting;

/// <summary>The rate limit of one product, per instance.</summary>
public sealed class ProductRateLimit
{
    /// <summary>Sustained rate: reports per hour per instance. Defaults to 12 (one every 5 minutes).</summary>
    [Range(0.001, 3_600_000)]
    public double ReportsPerHour { get; set; } = 12;

    /// <summary>Reports an idle instance may send at once before the sustained rate applies. Defaults to 6.</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 6;

    /// <summary>The emission interval: time between reports at the sustained rate.</summary>
    public TimeSpan Interval => TimeSpan.FromHours(1 / ReportsPerHour);
}
