using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Telemetry.Insights;

/// <summary>
/// The vendor fields the contract does not model, per product, as this process's intake counts them on its
/// <c>telemetry.intake.unknown_fields</c> counter: read through a <see cref="MeterListener"/> on this host's meters
/// only, so the page shows what the metric shows. Counts start at zero when the process starts, like the metric.
/// </summary>
public sealed class UnknownFieldCounts(IMeterFactory meterFactory) : IHostedService, IDisposable
{
    /// <summary>The intake's counter (Telemetry.Intake's IntakeMetrics) and its attributes.</summary>
    public const string InstrumentName = "telemetry.intake.unknown_fields";

    private const string ProductAttribute = "telemetry.intake.product";
    private const string FieldAttribute = "telemetry.intake.field";

    /// <summary>Most product and field pairs kept; the intake itself folds fields beyond its own limit into <c>other</c>.</summary>
    private const int MaxPairs = 4096;

    private readonly ConcurrentDictionary<(string Product, string Field), long> _counts = new();
    private readonly MeterListener _listener = new();

    /// <summary>The product's unmodelled fields and how many reports carried each, most frequent first.</summary>
    public IReadOnlyList<(string Field, long Reports)> Of(string product) =>
        _counts.Where(c => c.Key.Product == product)
            .Select(c => (c.Key.Field, c.Value))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Field, StringComparer.Ordinal)
            .ToList();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this host's intake: other hosts in the same process (tests) have meter factories of their own.
            if (instrument.Name == InstrumentName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags));
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? product = null, field = null;
        foreach (var tag in tags)
        {
            if (tag.Key == ProductAttribute)
            {
                product = tag.Value as string;
            }
            else if (tag.Key == FieldAttribute)
            {
                field = tag.Value as string;
            }
        }

        if (product is null || field is null || (_counts.Count >= MaxPairs && !_counts.ContainsKey((product, field))))
        {
            return;
        }

        _counts.AddOrUpdate((product, field), value, (_, count) => count + value);
    }
}
