using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Telemetry.V1;

namespace Telemetry.Ingestion.Diagnostics;

/// <summary>
/// In-process ingestion metrics: reports received, outcomes, rejections by field path and ingest latency, with a
/// Prometheus text-format writer. Lock-free (<see cref="Interlocked"/>); one instance per process.
/// </summary>
public sealed class IngestionMetrics
{
    /// <summary>Most distinct field paths counted separately; further paths are counted as <c>other</c>.</summary>
    public const int MaxRejectionPaths = 256;

    private static readonly double[] BucketBounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private static readonly (string Label, ReportOutcome? Outcome)[] Outcomes =
    [
        ("accepted", ReportOutcome.Accepted),
        ("duplicate", ReportOutcome.Duplicate),
        ("rejected", ReportOutcome.Rejected),
        ("rate_limited", ReportOutcome.RateLimited),
        ("overloaded", ReportOutcome.Overloaded),
        ("unavailable", null),
    ];

    private readonly long[] _outcomes = new long[Outcomes.Length];
    private readonly ConcurrentDictionary<string, StrongBox<long>> _rejections = new(StringComparer.Ordinal);
    private readonly long[] _buckets = new long[BucketBounds.Length + 1];
    private long _received;
    private long _latencyCount;
    private long _latencySumTicks;

    /// <summary>Reports received so far.</summary>
    public long ReceivedCount => Interlocked.Read(ref _received);

    /// <summary>Counts a report received.</summary>
    public void Received() => Interlocked.Increment(ref _received);

    /// <summary>Counts a report answered with <paramref name="outcome"/> after <paramref name="elapsed"/>.</summary>
    public void Completed(ReportOutcome outcome, string? fieldPath, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _outcomes[IndexOf(outcome)]);
        if (outcome == ReportOutcome.Rejected)
        {
            Interlocked.Increment(ref RejectionCell(NormalizePath(fieldPath)).Value);
        }

        Observe(elapsed);
    }

    /// <summary>Counts a report that could not be ingested because Redis was unavailable.</summary>
    public void Unavailable(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _outcomes[^1]);
        Observe(elapsed);
    }

    /// <summary>Reports answered with <paramref name="outcome"/> so far.</summary>
    public long Count(ReportOutcome outcome) => Interlocked.Read(ref _outcomes[IndexOf(outcome)]);

    /// <summary>Reports that met an unavailable Redis so far.</summary>
    public long UnavailableCount => Interlocked.Read(ref _outcomes[^1]);

    /// <summary>Rejections counted under a field path (indexes and map keys removed) so far.</summary>
    public long RejectionCount(string fieldPath) =>
        _rejections.TryGetValue(fieldPath, out var cell) ? Interlocked.Read(ref cell.Value) : 0;

    /// <summary>Writes the metrics in the Prometheus text exposition format (version 0.0.4).</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("# HELP telemetry_ingest_reports_received_total Reports received by the ingestion pipeline.\n");
        writer.Write("# TYPE telemetry_ingest_reports_received_total counter\n");
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"telemetry_ingest_reports_received_total {ReceivedCount}\n"));

        writer.Write("# HELP telemetry_ingest_reports_total Reports answered, by outcome.\n");
        writer.Write("# TYPE telemetry_ingest_reports_total counter\n");
        for (var i = 0; i < Outcomes.Length; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"telemetry_ingest_reports_total{{outcome=\"{Outcomes[i].Label}\"}} {Interlocked.Read(ref _outcomes[i])}\n"));
        }

        writer.Write("# HELP telemetry_ingest_rejections_total Rejected reports, by the path of the offending field.\n");
        writer.Write("# TYPE telemetry_ingest_rejections_total counter\n");
        foreach (var (path, cell) in _rejections.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"telemetry_ingest_rejections_total{{field_path=\"{PrometheusText.EscapeLabel(path)}\"}} {Interlocked.Read(ref cell.Value)}\n"));
        }

        writer.Write("# HELP telemetry_ingest_duration_seconds Time to answer one report.\n");
        writer.Write("# TYPE telemetry_ingest_duration_seconds histogram\n");
        long cumulative = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            cumulative += Interlocked.Read(ref _buckets[i]);
            var bound = i < BucketBounds.Length ? BucketBounds[i].ToString("R", CultureInfo.InvariantCulture) : "+Inf";
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"telemetry_ingest_duration_seconds_bucket{{le=\"{bound}\"}} {cumulative}\n"));
        }

        var sum = TimeSpan.FromTicks(Interlocked.Read(ref _latencySumTicks)).TotalSeconds;
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"telemetry_ingest_duration_seconds_sum {sum:R}\n"));
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"telemetry_ingest_duration_seconds_count {Interlocked.Read(ref _latencyCount)}\n"));
    }

    /// <summary>
    /// The label value of a field path: indexes and map keys removed (<c>generic.metrics["x"].counter.total</c>
    /// becomes <c>generic.metrics.counter.total</c>), so label cardinality is bounded by the schema.
    /// </summary>
    internal static string NormalizePath(string? fieldPath)
    {
        if (string.IsNullOrEmpty(fieldPath))
        {
            return "unknown";
        }

        if (fieldPath.IndexOf('[', StringComparison.Ordinal) < 0)
        {
            return fieldPath;
        }

        var text = new StringBuilder(fieldPath.Length);
        var depth = 0;
        var quoted = false;
        foreach (var c in fieldPath)
        {
            if (quoted)
            {
                quoted = c != '"';
            }
            else if (c == '"' && depth > 0)
            {
                quoted = true;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (depth == 0)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private StrongBox<long> RejectionCell(string path)
    {
        if (_rejections.TryGetValue(path, out var cell))
        {
            return cell;
        }

        return _rejections.Count < MaxRejectionPaths
            ? _rejections.GetOrAdd(path, static _ => new StrongBox<long>())
            : _rejections.GetOrAdd("other", static _ => new StrongBox<long>());
    }

    private void Observe(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var bucket = 0;
        while (bucket < BucketBounds.Length && seconds > BucketBounds[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Add(ref _latencySumTicks, elapsed.Ticks);
        Interlocked.Increment(ref _latencyCount);
    }

    private static int IndexOf(ReportOutcome outcome)
    {
        for (var i = 0; i < Outcomes.Length - 1; i++)
        {
            if (Outcomes[i].Outcome == outcome)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not an outcome the pipeline answers.");
    }

    private sealed class StrongBox<T>
    {
        public T? Value;
    }
}
