using System.ComponentModel.DataAnnotations;

namespace Telemetry.Ingestion.Validation;

/// <summary>Limits the validator enforces on every report. Message size is limited by the transport.</summary>
public sealed class ValidationOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Validation";

    /// <summary>Longest string (in UTF-16 code units), map keys included. Defaults to 1024.</summary>
    [Range(1, 1_048_576)]
    public int MaxStringLength { get; set; } = 1024;

    /// <summary>Most elements in one repeated field or entries in one map. Defaults to 1000.</summary>
    [Range(1, 1_000_000)]
    public int MaxCollectionCount { get; set; } = 1000;

    /// <summary>Oldest report_time accepted, counted back from the collector's clock. Defaults to 7 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxReportAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How far report_time may lie ahead of the collector's clock (sender clock skew). Defaults to 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromHours(1);
}
