using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Telemetry.Testing;

/// <summary>
/// An <see cref="IMeterFactory"/> for one test that records every measurement of the meters it created (and only
/// theirs, so other tests' meters never count), the way an exporter would see them.
/// </summary>
public sealed class TestMeters : IMeterFactory
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _recorded = new();
    private readonly ConcurrentBag<Meter> _meters = [];

    public TestMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, this))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Scope = this;
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    /// <summary>The sum of what <paramref name="instrument"/> recorded with every attribute in <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, object Value)[] tags) =>
        Matching(instrument, tags).Sum(r => r.Value);

    /// <summary>How many measurements <paramref name="instrument"/> recorded with every attribute in <paramref name="tags"/>.</summary>
    public int Count(string instrument, params (string Key, object Value)[] tags) =>
        Matching(instrument, tags).Count();

    /// <summary>What the observable <paramref name="instrument"/> reports now, with each measurement's attributes.</summary>
    public IReadOnlyList<(double Value, IReadOnlyDictionary<string, object?> Tags)> Observe(string instrument)
    {
        var before = _recorded.Count;
        _listener.RecordObservableInstruments();
        return _recorded.Skip(before).Where(r => r.Instrument == instrument).Select(r => (r.Value, r.Tags)).ToList();
    }

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }

    private IEnumerable<Recorded> Matching(string instrument, (string Key, object Value)[] tags) =>
        _recorded.Where(r => r.Instrument == instrument && tags.All(t => r.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            attributes[tag.Key] = tag.Value;
        }

        _recorded.Enqueue(new Recorded(instrument.Name, value, attributes));
    }

    private sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
