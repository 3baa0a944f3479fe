using System.Collections.Concurrent;
using System.Security.Cryptography;
using Telemetry.V1;

namespace Telemetry.Reporter.Metrics;

/// <summary>The metrics a process reports, by name.</summary>
/// <remarks>
/// <para>
/// Each method returns the metric registered under the name, creating it on first use, so components can look
/// their metrics up once and keep the returned object. Asking for an existing name with a different kind throws.
/// Names are lower_snake_case segments separated by dots (<c>infra.nodes</c>), which the product builders use to
/// fill nested payload messages; a segment may be followed by keys in brackets, which are data in any form:
/// <c>cpu_usage[CPUNode]</c>, <c>requests.rest.responses[GET /collections].statuses[200].count</c>, or an index
/// into a list, <c>infra.clouds[0]</c> (see <see cref="Key"/>).
/// </para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public sealed class MetricRegistry
{
    /// <summary>The default number of hashes a distinct count keeps: 4096.</summary>
    public const int DefaultDistinctCountCapacity = 4096;

    private readonly ConcurrentDictionary<string, Metric> _metrics = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    // Serializes taking, acknowledging and releasing counter deltas; never taken on the increment path.
    private readonly Lock _snapshotLock = new();
    private DateTimeOffset _counterWindowStart;
    private byte[] _hashKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>Creates an empty registry.</summary>
    /// <param name="timeProvider">The clock counter rates are measured with; defaults to the system clock.</param>
    public MetricRegistry(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _counterWindowStart = _timeProvider.GetUtcNow();
    }

    /// <summary>
    /// Writes a map key or list index as a name step: <c>[key]</c>, with <c>]</c> and <c>\</c> escaped, so that
    /// any text can be a key (<c>"requests.rest.responses" + MetricRegistry.Key(route) + ".statuses[200].count"</c>).
    /// </summary>
    /// <param name="key">The key: any text, such as <c>GET /collections</c>, <c>CPUNode</c> or <c>0</c>.</param>
    /// <returns>The step to append to a name.</returns>
    public static string Key(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return MetricName.Key(key);
    }

    /// <summary>The registered metrics' names.</summary>
    public IReadOnlyCollection<string> Names => _metrics.Keys.ToArray();

    /// <summary>The key distinct counts hash values with.</summary>
    internal byte[] HashKey => Volatile.Read(ref _hashKey);

    /// <summary>Gets or creates a string metric.</summary>
    /// <param name="name">The metric's name.</param>
    /// <returns>The metric registered under <paramref name="name"/>.</returns>
    public StringMetric StringValue(string name) => GetOrAdd(name, static n => new StringMetric(n));

    /// <summary>Gets or creates an integer gauge.</summary>
    /// <param name="name">The metric's name.</param>
    /// <returns>The metric registered under <paramref name="name"/>.</returns>
    public IntMetric IntValue(string name) => GetOrAdd(name, static n => new IntMetric(n));

    /// <summary>Gets or creates a floating-point gauge.</summary>
    /// <param name="name">The metric's name.</param>
    /// <returns>The metric registered under <paramref name="name"/>.</returns>
    public FloatMetric FloatValue(string name) => GetOrAdd(name, static n => new FloatMetric(n));

    /// <summary>Gets or creates a counter.</summary>
    /// <param name="name">The metric's name.</param>
    /// <returns>The metric registered under <paramref name="name"/>.</returns>
    public CounterMetric Counter(string name) => GetOrAdd(name, static n => new CounterMetric(n));

    /// <summary>Gets or creates a summary statistics metric.</summary>
    /// <param name="name">The metric's name.</param>
    /// <returns>The metric registered under <paramref name="name"/>.</returns>
    public StatisticsMetric Statistics(string name) => GetOrAdd(name, static n => new StatisticsMetric(n));

    /// <summary>Gets or creates a distinct count.</summary>
    /// <param name="name">The metric's name.</param>
    /// <param name="capacity">
    /// How many hashes the metric keeps at most, which bounds its memory to about 40 bytes each. Defaults to
    /// <see cref="DefaultDistinctCountCapacity"/>; ignored when the metric exists.
    /// </param>
    /// <returns>The metric registered under <paramref name="name"/>.</returns>
    public DistinctCountMetric DistinctCount(string name, int capacity = DefaultDistinctCountCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        return GetOrAdd(name, n => new DistinctCountMetric(n, capacity, this));
    }

    /// <summary>Gets or creates a histogram.</summary>
    /// <param name="name">The metric's name.</param>
    /// <param name="bounds">The buckets' upper bounds, finite and strictly increasing.</param>
    /// <returns>The metric registered under <paramref name="name"/>.</returns>
    /// <exception cref="InvalidOperationException">The histogram exists with other bounds.</exception>
    public HistogramMetric Histogram(string name, IEnumerable<double> bounds)
    {
        var validated = HistogramMetric.ValidateBounds(bounds);
        var histogram = GetOrAdd(name, n => new HistogramMetric(n, validated));
        return histogram.HasBounds(validated)
            ? histogram
            : throw new InvalidOperationException($"Histogram '{name}' is registered with other bounds.");
    }

    /// <summary>Uses <paramref name="key"/> for distinct counts from now on (the installation's secret).</summary>
    /// <remarks>
    /// Values recorded before the key changes keep their earlier hashes, so a value seen both before and after may
    /// be counted twice. The reporter sets the key while starting, before a process normally records values.
    /// </remarks>
    internal void SetHashKey(ReadOnlySpan<byte> key) => Volatile.Write(ref _hashKey, key.ToArray());

    /// <summary>Reads every metric for a report.</summary>
    /// <param name="commit">
    /// <see langword="true"/> for a report that will be sent: counter deltas become pending until the report is
    /// acknowledged or released. <see langword="false"/> for a preview, which changes nothing.
    /// </param>
    internal RegistrySnapshot Capture(bool commit)
    {
        var names = _metrics.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        var values = new Dictionary<string, MetricValue>(names.Length, StringComparer.Ordinal);
        var deltas = new List<KeyValuePair<CounterMetric, long>>();
        lock (_snapshotLock)
        {
            var now = _timeProvider.GetUtcNow();
            var seconds = (now - _counterWindowStart).TotalSeconds;
            foreach (var name in names)
            {
                var metric = _metrics[name];
                if (metric is CounterMetric counter)
                {
                    var delta = commit ? counter.TakeDelta() : counter.PeekDelta();
                    deltas.Add(new(counter, delta));
                    values[name] = new MetricValue
                    {
                        Counter = new Counter { Total = delta, Rate = seconds > 0 ? delta / seconds : 0 },
                    };
                }
                else if (metric.Read() is { } value)
                {
                    values[name] = value;
                }
            }

            return new RegistrySnapshot(now, values, commit ? deltas : []);
        }
    }

    /// <summary>A collector acknowledged the report built from <paramref name="snapshot"/>.</summary>
    /// <remarks>Subtracts exactly the acknowledged amounts; increments made since the snapshot stay counted.</remarks>
    internal void Acknowledge(RegistrySnapshot snapshot) => Settle(snapshot, acknowledged: true);

    /// <summary>The report built from <paramref name="snapshot"/> will not be sent; the next report carries its counts.</summary>
    internal void Release(RegistrySnapshot snapshot) => Settle(snapshot, acknowledged: false);

    private void Settle(RegistrySnapshot snapshot, bool acknowledged)
    {
        lock (_snapshotLock)
        {
            if (!snapshot.TrySettle())
            {
                return;
            }

            foreach (var (counter, delta) in snapshot.CounterDeltas)
            {
                if (acknowledged)
                {
                    counter.Acknowledge(delta);
                }
                else
                {
                    counter.Release(delta);
                }
            }

            if (acknowledged && snapshot.Time > _counterWindowStart)
            {
                _counterWindowStart = snapshot.Time;
            }
        }
    }

    private T GetOrAdd<T>(string name, Func<string, T> create)
        where T : Metric
    {
        if (_metrics.TryGetValue(name, out var existing))
        {
            return existing as T ?? throw KindMismatch(name, existing);
        }

        MetricName.Validate(name);
        var metric = _metrics.GetOrAdd(name, create);
        return metric as T ?? throw KindMismatch(name, metric);
    }

    private static InvalidOperationException KindMismatch(string name, Metric existing) =>
        new($"Metric '{name}' is already registered as a {existing.GetType().Name}.");
}
