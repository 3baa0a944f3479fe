using System.Collections.Concurrent;
using System.Globalization;

namespace Telemetry.Upload;

/// <summary>
/// The uploader's counters and gauges, written in the Prometheus text format for the service's <c>/metrics</c>.
/// </summary>
/// <remarks>Thread-safe; one instance per process (registered as a singleton by <c>AddUploader</c>).</remarks>
public sealed class UploadMetrics
{
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly ConcurrentDictionary<string, SinkCounters> _sinks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, ShardGauges> _shards = new();
    private long _claimed;

    /// <summary>Counts a stored batch and how long the sink took.</summary>
    public void BatchUploaded(string sink, int reports, long bytes, TimeSpan latency)
    {
        var counters = Sink(sink);
        Interlocked.Increment(ref counters.Batches);
        Interlocked.Add(ref counters.Reports, reports);
        Interlocked.Add(ref counters.Bytes, bytes);
        var seconds = latency.TotalSeconds;
        lock (counters.Latency)
        {
            for (var i = 0; i < LatencyBuckets.Length; i++)
            {
                if (seconds <= LatencyBuckets[i])
                {
                    counters.Latency[i]++;
                }
            }

            counters.LatencyCount++;
            counters.LatencySum += seconds;
        }
    }

    /// <summary>Counts a failed upload attempt by kind: <c>unavailable</c>, <c>throttled</c>, <c>rejected</c> or <c>error</c>.</summary>
    public void UploadFailed(string sink, string kind) =>
        Sink(sink).Failures.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    /// <summary>Counts a retried upload.</summary>
    public void Retried(string sink) => Interlocked.Increment(ref Sink(sink).Retries);

    /// <summary>Counts reports moved to the dead letters.</summary>
    public void DeadLettered(string sink, int reports) => Interlocked.Add(ref Sink(sink).DeadLettered, reports);

    /// <summary>Counts entries claimed from stopped uploaders.</summary>
    public void Claimed(int entries) => Interlocked.Add(ref _claimed, entries);

    /// <summary>Sets a shard's gauges: age of its oldest entry, entries not yet delivered (XINFO GROUPS lag), entries pending.</summary>
    public void SetShard(int shard, TimeSpan? oldestEntryAge, long? lag, long? pending)
    {
        var gauges = _shards.GetOrAdd(shard, static _ => new ShardGauges());
        gauges.OldestAgeSeconds = oldestEntryAge?.TotalSeconds ?? 0;
        gauges.Lag = lag ?? -1;
        gauges.Pending = pending ?? 0;
    }

    /// <summary>Reports stored by a sink so far.</summary>
    public long ReportsUploaded(string sink) => _sinks.TryGetValue(sink, out var c) ? Interlocked.Read(ref c.Reports) : 0;

    /// <summary>Reports dead-lettered by this process so far.</summary>
    public long ReportsDeadLettered(string sink) => _sinks.TryGetValue(sink, out var c) ? Interlocked.Read(ref c.DeadLettered) : 0;

    /// <summary>Writes every metric in the Prometheus text exposition format (version 0.0.4).</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var sinks = _sinks.OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        Counter(writer, "telemetry_upload_batches_total", "Batches stored by the sink.", sinks, c => c.Batches);
        Counter(writer, "telemetry_upload_reports_total", "Reports stored by the sink (duplicates included).", sinks, c => c.Reports);
        Counter(writer, "telemetry_upload_bytes_total", "Payload bytes stored by the sink.", sinks, c => c.Bytes);
        Counter(writer, "telemetry_upload_retries_total", "Upload attempts repeated after a failure or a throttle.", sinks, c => c.Retries);
        Counter(writer, "telemetry_upload_dead_lettered_total", "Reports moved to the dead-letter streams.", sinks, c => c.DeadLettered);

        writer.Write("# HELP telemetry_upload_failures_total Failed upload attempts by kind.\n# TYPE telemetry_upload_failures_total counter\n");
        foreach (var (sink, counters) in sinks)
        {
            foreach (var (kind, count) in counters.Failures.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                Line(writer, "telemetry_upload_failures_total", $"sink=\"{sink}\",kind=\"{kind}\"", count);
            }
        }

        writer.Write("# HELP telemetry_upload_duration_seconds Time the sink took to store a batch.\n# TYPE telemetry_upload_duration_seconds histogram\n");
        foreach (var (sink, counters) in sinks)
        {
            lock (counters.Latency)
            {
                for (var i = 0; i < LatencyBuckets.Length; i++)
                {
                    Line(writer, "telemetry_upload_duration_seconds_bucket", $"sink=\"{sink}\",le=\"{LatencyBuckets[i].ToString(CultureInfo.InvariantCulture)}\"", counters.Latency[i]);
                }

                Line(writer, "telemetry_upload_duration_seconds_bucket", $"sink=\"{sink}\",le=\"+Inf\"", counters.LatencyCount);
                Line(writer, "telemetry_upload_duration_seconds_sum", $"sink=\"{sink}\"", counters.LatencySum);
                Line(writer, "telemetry_upload_duration_seconds_count", $"sink=\"{sink}\"", counters.LatencyCount);
            }
        }

        writer.Write("# HELP telemetry_upload_claimed_total Pending entries claimed from stopped uploaders.\n# TYPE telemetry_upload_claimed_total counter\n");
        Line(writer, "telemetry_upload_claimed_total", null, Interlocked.Read(ref _claimed));

        var shards = _shards.OrderBy(s => s.Key).ToArray();
        Gauge(writer, "telemetry_buffer_oldest_entry_age_seconds", "Age of the oldest report in the shard stream.", shards, g => g.OldestAgeSeconds);
        Gauge(writer, "telemetry_buffer_consumer_lag", "Entries of the shard never delivered to an uploader (XINFO GROUPS lag; -1 when unknown).", shards, g => g.Lag);
        Gauge(writer, "telemetry_buffer_pending", "Entries delivered to an uploader and not yet acknowledged.", shards, g => g.Pending);
    }

    private SinkCounters Sink(string sink) => _sinks.GetOrAdd(sink, static _ => new SinkCounters());

    private static void Counter(TextWriter writer, string name, string help, KeyValuePair<string, SinkCounters>[] sinks, Func<SinkCounters, long> value)
    {
        writer.Write($"# HELP {name} {help}\n# TYPE {name} counter\n");
        foreach (var (sink, counters) in sinks)
        {
            Line(writer, name, $"sink=\"{sink}\"", value(counters));
        }
    }

    private static void Gauge(TextWriter writer, string name, string help, KeyValuePair<int, ShardGauges>[] shards, Func<ShardGauges, double> value)
    {
        writer.Write($"# HELP {name} {help}\n# TYPE {name} gauge\n");
        foreach (var (shard, gauges) in shards)
        {
            Line(writer, name, string.Create(CultureInfo.InvariantCulture, $"shard=\"{shard}\""), value(gauges));
        }
    }

    private static void Line(TextWriter writer, string name, string? labels, double value)
    {
        writer.Write(name);
        if (labels is not null)
        {
            writer.Write('{');
            writer.Write(labels);
            writer.Write('}');
        }

        writer.Write(' ');
        writer.Write(value.ToString(CultureInfo.InvariantCulture));
        writer.Write('\n');
    }

    private sealed class SinkCounters
    {
        public long Batches;
        public long Reports;
        public long Bytes;
        public long Retries;
        public long DeadLettered;
        public readonly ConcurrentDictionary<string, long> Failures = new(StringComparer.Ordinal);
        public readonly long[] Latency = new long[LatencyBuckets.Length];
        public long LatencyCount;
        public double LatencySum;
    }

    private sealed class ShardGauges
    {
        public double OldestAgeSeconds;
        public double Lag;
        public double Pending;
    }
}
