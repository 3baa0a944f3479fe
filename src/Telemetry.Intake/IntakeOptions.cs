using System.ComponentModel.DataAnnotations;
using Telemetry.Intake.Relay;

namespace Telemetry.Intake;

/// <summary>Settings of the native intake (section <c>Intake</c>); see docs/configuration.md.</summary>
public sealed class IntakeOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Intake";

    /// <summary>
    /// Largest request body accepted on an intake route, in bytes; larger bodies are answered 413 and nothing is
    /// stored. Defaults to 1 MiB, a little above InfluxDB's own receiver (1,024,000 bytes).
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a forwarded request may take before it counts as failed. Defaults to 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RelayTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What happens to each product's native reports besides being recorded, by product name (<c>mimir</c>,
    /// <c>tempo</c>, <c>loki</c>, <c>influxdb</c>, <c>coroot</c>, <c>qdrant</c>). Products not listed are recorded only.
    /// </summary>
    public Dictionary<string, ProductRelayOptions> Relay { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
