using System.Diagnostics;
using Telemetry.Buffer;
using Telemetry.V1;

namespace Telemetry.Ingestion.Diagnostics;

/// <summary>
/// The ingestion pipeline's spans, on the <see cref="IngestionMetrics.MeterName"/> activity source: one per
/// ingested batch (a unary call's reports, or the reports of a stream that arrived together), with the number of reports, their product and
/// their outcomes. One span per batch rather than per report keeps tracing's cost per call constant. A span is the
/// child of the current one, the gRPC call's, which continues the reporter's trace when the reporter propagates its
/// context (W3C <c>traceparent</c>).
/// </summary>
public static class IngestionTracing
{
    /// <summary>Attribute with the reports' product, when every report of the batch has the same one.</summary>
    public const string ProductAttribute = "telemetry.report.product";

    /// <summary>Attribute with the number of reports of a batch.</summary>
    public const string ReportCountAttribute = "telemetry.ingest.report_count";

    /// <summary>
    /// Prefix of the attributes that count the batch's reports per outcome (<c>telemetry.ingest.outcome.accepted</c>,
    /// <c>….rejected</c> …); an outcome no report had is left out.
    /// </summary>
    public const string OutcomeCountPrefix = "telemetry.ingest.outcome.";

    // The outcome count attributes by outcome index, built once rather than for every traced batch.
    private static readonly string[] OutcomeCountAttributes =
        [.. Enumerable.Range(0, IngestionMetrics.OutcomeKinds).Select(i => OutcomeCountPrefix + IngestionMetrics.OutcomeNameAt(i))];

    /// <summary>The activity source; listened to by the collector's tracer provider.</summary>
    public static readonly ActivitySource Source = new(IngestionMetrics.MeterName);

    /// <summary>Starts the span of one batch; null when no one listens.</summary>
    public static Activity? StartBatch(IReadOnlyList<UsageReport> reports)
    {
        var activity = Source.StartActivity("ingest batch");
        if (activity is null)
        {
            return null;
        }

        activity.SetTag(ReportCountAttribute, reports.Count);
        var product = reports.Count > 0 ? ReportRouting.Product(reports[0]) : string.Empty;
        for (var i = 1; i < reports.Count && product.Length > 0; i++)
        {
            product = ReportRouting.Product(reports[i]) == product ? product : string.Empty;
        }

        return product.Length > 0 ? activity.SetTag(ProductAttribute, product) : activity;
    }

    /// <summary>
    /// Records the batch's outcomes on its span: a count per outcome, the outcome itself when all reports share it,
    /// and the field of the first rejection; a null result is a report that met an unavailable buffer.
    /// </summary>
    public static void Completed(Activity? activity, IReadOnlyList<ReportResult?> results)
    {
        if (activity is null)
        {
            return;
        }

        // Counted in the metrics' own outcome order, on the stack: this runs for every traced call.
        Span<int> counts = stackalloc int[IngestionMetrics.OutcomeKinds];
        string? rejectedField = null;
        foreach (var result in results)
        {
            counts[IngestionMetrics.OutcomeIndex(result?.Outcome)]++;
            if (result?.Outcome == ReportOutcome.Rejected)
            {
                rejectedField ??= IngestionMetrics.NormalizePath(result.FieldPath);
            }
        }

        var distinct = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                activity.SetTag(OutcomeCountAttributes[i], counts[i]);
                distinct++;
            }
        }

        if (distinct == 1)
        {
            activity.SetTag(IngestionMetrics.OutcomeAttribute, IngestionMetrics.OutcomeNameAt(counts.IndexOfAnyExcept(0)));
        }

        if (rejectedField is not null)
        {
            activity.SetTag(IngestionMetrics.FieldPathAttribute, rejectedField);
        }

        if (counts[IngestionMetrics.OutcomeIndex(null)] > 0)
        {
            activity.SetTag("error.type", "unavailable")
                .SetStatus(ActivityStatusCode.Error, "the report buffer (Redis) is unavailable");
        }
    }
}
