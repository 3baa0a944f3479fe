using Telemetry.V1;

namespace Telemetry.Reporter.Metrics;

/// <summary>
/// Online summary statistics of a stream of observations: count, minimum, maximum, mean, and population
/// standard deviation and variance (Welford's algorithm).
/// </summary>
/// <remarks>
/// Cumulative since the metric was created; never reset. Thread-safe: each observation updates all values under
/// one lock, so concurrent observations never produce a torn state.
/// </remarks>
public sealed class StatisticsMetric : Metric
{
    private readonly Lock _lock = new();
    private long _count;
    private double _mean;
    private double _m2;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    internal StatisticsMetric(string name)
        : base(name)
    {
    }

    /// <summary>Records one observation.</summary>
    /// <param name="value">The observation; must be finite.</param>
    public void Record(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The observation must be finite.");
        }

        lock (_lock)
        {
            _count++;
            var delta = value - _mean;
            _mean += delta / _count;
            _m2 += delta * (value - _mean);
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }
    }

    /// <summary>Reads a consistent copy of the statistics.</summary>
    /// <returns>The statistics; bounds and deviations are absent while no observation has been made.</returns>
    public Statistics Snapshot()
    {
        lock (_lock)
        {
            var statistics = new Statistics { Count = _count, Avg = _mean };
            if (_count > 0)
            {
                var variance = _m2 / _count;
                statistics.Min = _min;
                statistics.Max = _max;
                statistics.Stdvar = variance;
                statistics.Stddev = Math.Sqrt(variance);
            }

            return statistics;
        }
    }

    internal override MetricValue Read() => new() { Statistics = Snapshot() };
}
