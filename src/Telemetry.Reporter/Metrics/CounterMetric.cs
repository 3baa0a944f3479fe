using Telemetry.V1;

namespace Telemetry.Reporter.Metrics;

/// <summary>
/// A count of events per reporting interval, reported as its total and its rate per second since the counter was
/// last reset.
/// </summary>
/// <remarks>
/// <para>
/// The counter is reset only by the amount a collector has acknowledged: building a report marks the current
/// count as pending without resetting it, an acknowledgement subtracts exactly that amount, and a report that
/// could not be delivered returns its amount to the next report. Increments made while a report is in flight are
/// never lost.
/// </para>
/// <para>
/// <see cref="Increment"/> and <see cref="Add(long)"/> are a single atomic instruction and allocate nothing, so
/// they may be called on any hot path from any thread.
/// </para>
/// </remarks>
public sealed class CounterMetric : Metric
{
    // Events counted and not yet acknowledged by a collector; only ever changed atomically.
    private long _unacknowledged;

    // The part of _unacknowledged already carried by reports in flight; guarded by the registry's lock.
    private long _pending;

    internal CounterMetric(string name)
        : base(name)
    {
    }

    /// <summary>Events counted that no collector has acknowledged yet.</summary>
    public long Unacknowledged => Interlocked.Read(ref _unacknowledged);

    /// <summary>Counts one event.</summary>
    public void Increment() => Interlocked.Increment(ref _unacknowledged);

    /// <summary>Counts <paramref name="amount"/> events.</summary>
    /// <param name="amount">The number of events; must not be negative.</param>
    public void Add(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Interlocked.Add(ref _unacknowledged, amount);
    }

    /// <summary>The count a new report would carry: everything not yet carried by a report in flight.</summary>
    internal long PeekDelta() => Interlocked.Read(ref _unacknowledged) - _pending;

    /// <summary>Marks the count a new report carries as pending and returns it.</summary>
    internal long TakeDelta()
    {
        var delta = PeekDelta();
        _pending += delta;
        return delta;
    }

    /// <summary>A collector acknowledged a report carrying <paramref name="delta"/> events.</summary>
    internal void Acknowledge(long delta)
    {
        _pending -= delta;
        Interlocked.Add(ref _unacknowledged, -delta);
    }

    /// <summary>A report carrying <paramref name="delta"/> events was dropped; the next report carries them.</summary>
    internal void Release(long delta) => _pending -= delta;

    internal override MetricValue? Read() => null;
}
