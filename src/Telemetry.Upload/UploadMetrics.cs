using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Telemetry.Upload;

/// <summary>
/// The uploader's instruments, on the <see cref="MeterName"/> meter: batches, reports and bytes stored per sink,
/// failed attempts by kind, retries, dead letters, claimed entries, the sink's latency, and per shard the age of the
/// oldest report not yet stored, the consumer lag and the pending entries. The failure and outcome of an attempt are
/// also set on the upload span (<see cref="UploadTracing"/>) when one is current.
/// </summary>
/// <remarks>Thread-safe; one instance per process (registered as a singleton by <c>AddUploadServices</c>).</remarks>
public sealed class UploadMetrics
{
    /// <summary>Name of the meter (and of the activity source) of the uploader.</summary>
    public const string MeterName = "Telemetry.Upload";

    /// <summary>Attribute naming the sink.</summary>
    public const string SinkAttribute = "telemetry.upload.sink";

    /// <summary>Attribute naming the buffer shard, as the buffer's own gauges name it.</summary>
    public const string ShardAttribute = Buffer.BufferTelemetry.ShardAttribute;

    /// <summary>
    /// Bucket bounds of the sink's latency, in seconds: an fsync or a COPY of a batch takes milliseconds, a relay
    /// to an upstream collector up to its 30 s deadline.
    /// </summary>
    internal static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _batches;
    private readonly Counter<long> _reports;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _claimed;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<string, SinkTotals> _sinks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, ShardGauges> _shards = new();

    public UploadMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _batches = meter.CreateCounter<long>("telemetry.upload.batches", "{batch}", "Batches stored by the sink.");
        _reports = meter.CreateCounter<long>("telemetry.upload.reports", "{report}", "Reports stored by the sink (duplicates included).");
        _bytes = meter.CreateCounter<long>("telemetry.upload.payload.size", "By", "Payload bytes stored by the sink.");
        _failures = meter.CreateCounter<long>("telemetry.upload.failures", "{attempt}",
            "Failed upload attempts, by kind (error.type: unavailable, throttled, rejected, error).");
        _retries = meter.CreateCounter<long>("telemetry.upload.retries", "{attempt}", "Upload attempts repeated after a failure or a throttle.");
        _deadLetters = meter.CreateCounter<long>("telemetry.upload.dead_letters", "{report}", "Reports moved to the dead-letter streams.");
        _claimed = meter.CreateCounter<long>("telemetry.upload.claimed", "{entry}", "Pending entries claimed from stopped uploaders.");
        _duration = meter.CreateHistogram("telemetry.upload.duration", "s", "Time the sink took to store a batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge("telemetry.upload.backlog.age", () => Measure(g => g.OldestAgeSeconds), "s",
            "Age of the oldest report of the shard not yet stored (the oldest entry of its stream); 0 when none.");
        meter.CreateObservableUpDownCounter("telemetry.upload.consumer.lag", () => Measure(g => g.Lag), "{entry}",
            "Entries of the shard never delivered to an uploader (XINFO GROUPS lag); absent when Redis does not say.");
        meter.CreateObservableUpDownCounter("telemetry.upload.pending", () => Measure(g => g.Pending), "{entry}",
            "Entries delivered to an uploader and not yet acknowledged.");
    }

    /// <summary>Counts a stored batch and how long the sink took.</summary>
    public void BatchUploaded(string sink, int reports, long bytes, TimeSpan latency)
    {
        var tag = SinkTag(sink);
        var totals = Totals(sink);
        Interlocked.Add(ref totals.Reports, reports);
        _batches.Add(1, tag);
        _reports.Add(reports, tag);
        _bytes.Add(bytes, tag);
        _duration.Record(latency.TotalSeconds, tag);
        totals.LastAttemptFailed = false;
        UploadTracing.Stored(Activity.Current, reports);
    }

    /// <summary>Counts a failed upload attempt by kind: <c>unavailable</c>, <c>throttled</c>, <c>rejected</c> or <c>error</c>.</summary>
    public void UploadFailed(string sink, string kind)
    {
        _failures.Add(1, SinkTag(sink), new KeyValuePair<string, object?>("error.type", kind));
        Totals(sink).LastAttemptFailed = kind is "unavailable" or "error";
        UploadTracing.Failed(Activity.Current, kind);
    }

    /// <summary>Counts a retried upload.</summary>
    public void Retried(string sink) => _retries.Add(1, SinkTag(sink));

    /// <summary>Counts reports moved to the dead letters.</summary>
    public void DeadLettered(string sink, int reports) => _deadLetters.Add(reports, SinkTag(sink));

    /// <summary>Counts entries claimed from stopped uploaders.</summary>
    public void Claimed(int entries) => _claimed.Add(entries);

    /// <summary>Sets a shard's gauges: age of its oldest entry, entries not yet delivered (XINFO GROUPS lag), entries pending.</summary>
    public void SetShard(int shard, TimeSpan? oldestEntryAge, long? lag, long? pending) =>
        _shards[shard] = new ShardGauges(oldestEntryAge?.TotalSeconds ?? 0, lag, pending ?? 0);

    /// <summary>Reports stored by a sink so far.</summary>
    public long ReportsUploaded(string sink) => _sinks.TryGetValue(sink, out var c) ? Interlocked.Read(ref c.Reports) : 0;

    /// <summary>
    /// Whether the last upload attempt to <paramref name="sink"/> failed because the sink could not be reached or
    /// failed outright (throttling and rejected reports are answers, not failures); false before any attempt.
    /// </summary>
    public bool LastAttemptFailed(string sink) => _sinks.TryGetValue(sink, out var c) && c.LastAttemptFailed;

    private SinkTotals Totals(string sink) => _sinks.GetOrAdd(sink, static _ => new SinkTotals());

    private static KeyValuePair<string, object?> SinkTag(string sink) => new(SinkAttribute, sink);

    private IEnumerable<Measurement<double>> Measure(Func<ShardGauges, double?> value)
    {
        foreach (var (shard, gauges) in _shards)
        {
            if (value(gauges) is { } measured)
            {
                yield return new Measurement<double>(measured, new KeyValuePair<string, object?>(ShardAttribute, shard));
            }
        }
    }

    private sealed class SinkTotals
    {
        public long Reports;
        public volatile bool LastAttemptFailed;
    }

    private sealed record ShardGauges(double OldestAgeSeconds, double? Lag, double? Pending);
}
