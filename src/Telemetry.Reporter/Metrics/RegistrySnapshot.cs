using Telemetry.V1;

namespace Telemetry.Reporter.Metrics;

/// <summary>The metric values one report carries, and the counter amounts it holds pending.</summary>
internal sealed class RegistrySnapshot
{
    private int _settled;

    public RegistrySnapshot(
        DateTimeOffset time,
        IReadOnlyDictionary<string, MetricValue> values,
        IReadOnlyList<KeyValuePair<CounterMetric, long>> counterDeltas)
    {
        Time = time;
        Values = values;
        CounterDeltas = counterDeltas;
    }

    /// <summary>When the values were read.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The values by metric name, in ordinal name order.</summary>
    public IReadOnlyDictionary<string, MetricValue> Values { get; }

    /// <summary>The counter amounts this report carries; empty for a preview.</summary>
    public IReadOnlyList<KeyValuePair<CounterMetric, long>> CounterDeltas { get; }

    /// <summary>Whether the snapshot was already acknowledged or released.</summary>
    public bool IsSettled => Volatile.Read(ref _settled) != 0;

    /// <summary>Marks the snapshot settled; false if it already was, so amounts are never settled twice.</summary>
    public bool TrySettle() => Interlocked.Exchange(ref _settled, 1) == 0;

    /// <summary>Whether any metric name starts with <paramref name="prefix"/>.</summary>
    public bool HasPrefix(string prefix) => Values.Keys.Any(name => name.StartsWith(prefix, StringComparison.Ordinal));
}
