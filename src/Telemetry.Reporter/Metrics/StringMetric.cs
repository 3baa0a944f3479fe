using Telemetry.V1;

namespace Telemetry.Reporter.Metrics;

/// <summary>A string value such as a configuration or enumeration value, for example a storage backend.</summary>
/// <remarks>
/// Reported as it was last set; an unset metric is not reported. Never put host names, addresses, paths or user
/// names in a string metric: it is sent as is. Thread-safe.
/// </remarks>
public sealed class StringMetric : Metric
{
    private string? _value;

    internal StringMetric(string name)
        : base(name)
    {
    }

    /// <summary>The current value, or <see langword="null"/> while unset.</summary>
    public string? Value => Volatile.Read(ref _value);

    /// <summary>Sets the value.</summary>
    /// <param name="value">The new value.</param>
    public void Set(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Volatile.Write(ref _value, value);
    }

    internal override MetricValue? Read() => Value is { } value ? new MetricValue { StringValue = value } : null;
}
