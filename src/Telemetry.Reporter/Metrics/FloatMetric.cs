using Telemetry.V1;

namespace Telemetry.Reporter.Metrics;

/// <summary>A floating-point gauge, read when the report is built.</summary>
/// <remarks>Starts at 0. Thread-safe.</remarks>
public sealed class FloatMetric : Metric
{
    private long _bits;

    internal FloatMetric(string name)
        : base(name)
    {
    }

    /// <summary>The current value.</summary>
    public double Value => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _bits));

    /// <summary>Sets the value.</summary>
    /// <param name="value">The new value; must be finite.</param>
    public void Set(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The value must be finite.");
        }

        Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(value));
    }

    /// <summary>Raises the value to <paramref name="value"/> if that is larger, as a peak gauge does.</summary>
    /// <param name="value">The candidate maximum; must be finite.</param>
    public void SetMax(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The value must be finite.");
        }

        var current = Interlocked.Read(ref _bits);
        while (BitConverter.Int64BitsToDouble(current) < value)
        {
            var seen = Interlocked.CompareExchange(ref _bits, BitConverter.DoubleToInt64Bits(value), current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    internal override MetricValue Read() => new() { FloatValue = Value };
}
