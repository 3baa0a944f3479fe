using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Telemetry.V1;

namespace Telemetry.Ingestion.Diagnostics;

/// <summary>
/// The ingestion pipeline's instruments, on the <see cref="MeterName"/> meter: reports received, answered by
/// outcome, rejected by field path, and the time to answer one. One instance per process (a singleton); exported
/// by whatever listens to the meter (OpenTelemetry in the collector).
/// </summary>
public sealed class IngestionMetrics
{
    /// <summary>Name of the meter (and of the activity source) of the ingestion pipeline.</summary>
    public const string MeterName = "Telemetry.Ingestion";

    /// <summary>Most distinct field paths counted separately; further paths are counted as <c>other</c>.</summary>
    public const int MaxRejectionPaths = 256;

    /// <summary>Attribute naming what happened to a report.</summary>
    public const string OutcomeAttribute = "telemetry.report.outcome";

    /// <summary>Attribute naming the offending field of a rejected report, indexes and map keys removed.</summary>
    public const string FieldPathAttribute = "telemetry.report.field_path";

    /// <summary>
    /// Bucket bounds of the ingest duration, in seconds: an answer takes a Redis round trip or two (about a
    /// millisecond on a local network), up to the Redis operation timeout when Redis does not answer.
    /// </summary>
    internal static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private static readonly (ReportOutcome? Outcome, KeyValuePair<string, object?> Tag)[] Outcomes =
    [
        (ReportOutcome.Accepted, new(OutcomeAttribute, "accepted")),
        (ReportOutcome.Duplicate, new(OutcomeAttribute, "duplicate")),
        (ReportOutcome.Rejected, new(OutcomeAttribute, "rejected")),
        (ReportOutcome.RateLimited, new(OutcomeAttribute, "rate_limited")),
        (ReportOutcome.Overloaded, new(OutcomeAttribute, "overloaded")),
        (null, new(OutcomeAttribute, "unavailable")),
    ];

    private readonly Counter<long> _received;
    private readonly Counter<long> _answered;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _duration;
    private readonly long[] _outcomes = new long[Outcomes.Length];
    private readonly ConcurrentDictionary<string, StrongBox> _rejectionPaths = new(StringComparer.Ordinal);

    public IngestionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>("telemetry.ingest.reports.received", "{report}",
            "Reports received by the ingestion pipeline.");
        _answered = meter.CreateCounter<long>("telemetry.ingest.reports", "{report}",
            "Reports answered, by outcome (accepted, duplicate, rejected, rate_limited, overloaded, unavailable).");
        _rejections = meter.CreateCounter<long>("telemetry.ingest.rejections", "{report}",
            "Rejected reports, by the path of the offending field.");
        _duration = meter.CreateHistogram("telemetry.ingest.duration", "s", "Time to answer one report.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>Reports that met an unavailable Redis so far.</summary>
    public long UnavailableCount => Interlocked.Read(ref _outcomes[^1]);

    /// <summary>Counts a report received.</summary>
    public void Received() => _received.Add(1);

    /// <summary>Counts a report answered with <paramref name="outcome"/> after <paramref name="elapsed"/>.</summary>
    public void Completed(ReportOutcome outcome, string? fieldPath, TimeSpan elapsed)
    {
        var index = IndexOf(outcome);
        Interlocked.Increment(ref _outcomes[index]);
        _answered.Add(1, Outcomes[index].Tag);
        if (outcome == ReportOutcome.Rejected)
        {
            var (path, cell) = RejectionCell(NormalizePath(fieldPath));
            Interlocked.Increment(ref cell.Value);
            _rejections.Add(1, new KeyValuePair<string, object?>(FieldPathAttribute, path));
        }

        _duration.Record(elapsed.TotalSeconds, Outcomes[index].Tag);
    }

    /// <summary>Counts a report that could not be ingested because Redis was unavailable.</summary>
    public void Unavailable(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _outcomes[^1]);
        _answered.Add(1, Outcomes[^1].Tag);
        _duration.Record(elapsed.TotalSeconds, Outcomes[^1].Tag);
    }

    /// <summary>Reports answered with <paramref name="outcome"/> so far.</summary>
    public long Count(ReportOutcome outcome) => Interlocked.Read(ref _outcomes[IndexOf(outcome)]);

    /// <summary>Rejections counted under a field path (indexes and map keys removed) so far.</summary>
    public long RejectionCount(string fieldPath) =>
        _rejectionPaths.TryGetValue(fieldPath, out var cell) ? Interlocked.Read(ref cell.Value) : 0;

    /// <summary>The outcome attribute value of <paramref name="outcome"/>, as the instruments and spans carry it.</summary>
    internal static string OutcomeName(ReportOutcome outcome) => OutcomeNameAt(IndexOf(outcome));

    /// <summary>How many outcomes are counted: the answered ones and, last, unavailable.</summary>
    internal static int OutcomeKinds => Outcomes.Length;

    /// <summary>The position of an outcome among <see cref="OutcomeKinds"/>; null is unavailable.</summary>
    internal static int OutcomeIndex(ReportOutcome? outcome) => outcome is { } answered ? IndexOf(answered) : Outcomes.Length - 1;

    /// <summary>The outcome attribute value at a position among <see cref="OutcomeKinds"/>.</summary>
    internal static string OutcomeNameAt(int index) => (string)Outcomes[index].Tag.Value!;

    /// <summary>
    /// The attribute value of a field path: indexes and map keys removed (<c>generic.metrics["x"].counter.total</c>
    /// becomes <c>generic.metrics.counter.total</c>), so the number of series is bounded by the schema.
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

    private (string Path, StrongBox Cell) RejectionCell(string path)
    {
        if (_rejectionPaths.TryGetValue(path, out var cell))
        {
            return (path, cell);
        }

        return _rejectionPaths.Count < MaxRejectionPaths
            ? (path, _rejectionPaths.GetOrAdd(path, static _ => new StrongBox()))
            : ("other", _rejectionPaths.GetOrAdd("other", static _ => new StrongBox()));
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

    private sealed class StrongBox
    {
        public long Value;
    }
}
