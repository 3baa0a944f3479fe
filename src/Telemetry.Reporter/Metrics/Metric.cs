using Telemetry.V1;

namespace Telemetry.Reporter.Metrics;

/// <summary>A named metric held by a <see cref="MetricRegistry"/>.</summary>
/// <remarks>
/// Metrics are created through the registry, never directly, so that one name always maps to one metric of one
/// kind. Every update method is thread-safe.
/// </remarks>
public abstract class Metric
{
    private protected Metric(string name)
    {
        Name = name;
    }

    /// <summary>The metric's name, such as <c>ingester_appended_samples</c> or <c>infra.nodes</c>.</summary>
    public string Name { get; }

    /// <summary>Reads the metric's current value, or <see langword="null"/> when it has none to report.</summary>
    /// <remarks>Counters are read by the registry itself, because their value depends on what is pending.</remarks>
    internal abstract MetricValue? Read();
}
