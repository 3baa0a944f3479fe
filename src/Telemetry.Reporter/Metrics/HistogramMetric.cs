using Telemetry.V1;

namespace Telemetry.Reporter.Metrics;

/// <summary>A histogram with explicit bucket bounds, as in Prometheus and OpenTelemetry.</summary>
/// <remarks>
/// Bucket <c>i</c> counts observations in <c>(bounds[i-1], bounds[i]]</c>; the last bucket has no upper bound.
/// Cumulative since the metric was created. Thread-safe: an observation updates its bucket, the sum and the
/// count under one lock, so a report never sees them disagree.
/// </remarks>
public sealed class HistogramMetric : Metric
{
    private readonly Lock _lock = new();
    private readonly double[] _bounds;
    private readonly ulong[] _counts;
    private double _sum;
    private ulong _count;

    internal HistogramMetric(string name, double[] bounds)
        : base(name)
    {
        _bounds = bounds;
        _counts = new ulong[bounds.Length + 1];
    }

    /// <summary>The buckets' upper bounds, strictly increasing.</summary>
    public IReadOnlyList<double> Bounds => _bounds;

    /// <summary>Records one observation.</summary>
    /// <param name="value">The observation; must be finite.</param>
    public void Record(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The observation must be finite.");
        }

        var index = Array.BinarySearch(_bounds, value);
        if (index < 0)
        {
            // Not an exact bound: the complement is the first bound above the value, which is the bucket.
            index = ~index;
        }

        lock (_lock)
        {
            _counts[index]++;
            _sum += value;
            _count++;
        }
    }

    /// <summary>Reads a consistent copy of the histogram.</summary>
    /// <returns>The bounds, the count per bucket, the sum and the number of observations.</returns>
    public Histogram Snapshot()
    {
        var histogram = new Histogram();
        histogram.Bounds.Add(_bounds);
        lock (_lock)
        {
            histogram.Counts.Add(_counts);
            histogram.Sum = _sum;
            histogram.Count = _count;
        }

        return histogram;
    }

    internal static double[] ValidateBounds(IEnumerable<double> bounds)
    {
        var array = bounds.ToArray();
        if (array.Length == 0)
        {
            throw new ArgumentException("A histogram needs at least one bucket bound.", nameof(bounds));
        }

        for (var i = 0; i < array.Length; i++)
        {
            if (!double.IsFinite(array[i]) || (i > 0 && array[i] <= array[i - 1]))
            {
                throw new ArgumentException("Bucket bounds must be finite and strictly increasing.", nameof(bounds));
            }
        }

        return array;
    }

    internal bool HasBounds(double[] bounds) => _bounds.AsSpan().SequenceEqual(bounds);

    internal override MetricValue Read() => new() { Histogram = Snapshot() };
}
