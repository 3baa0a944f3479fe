using Telemetry.V1;

namespace Telemetry.Reporter.Metrics;

/// <summary>An integer gauge, read when the report is built. Booleans are reported as 0 or 1.</summary>
/// <remarks>Starts at 0. Thread-safe; <see cref="Set(long)"/> and <see cref="Add(long)"/> are atomic.</remarks>
public sealed class IntMetric : Metric
{
    private long _value;

    internal IntMetric(string name)
        : base(name)
    {
    }

    /// <summary>The current value.</summary>
    public long Value => Interlocked.Read(ref _value);

    /// <summary>Sets the value.</summary>
    /// <param name="value">The new value.</param>
    public void Set(long value) => Interlocked.Exchange(ref _value, value);

    /// <summary>Sets the value to 1 for <see langword="true"/> and 0 for <see langword="false"/>.</summary>
    /// <param name="value">The flag.</param>
    public void Set(bool value) => Set(value ? 1 : 0);

    /// <summary>Adds to the value; a negative amount subtracts.</summary>
    /// <param name="amount">The amount to add.</param>
    public void Add(long amount) => Interlocked.Add(ref _value, amount);

    internal override MetricValue Read() => new() { IntValue = Value };
}
