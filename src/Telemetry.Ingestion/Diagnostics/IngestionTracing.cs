using System.Diagnostics;
using Telemetry.Buffer;
using Telemetry.V1;

namespace Telemetry.Ingestion.Diagnostics;

/// <summary>
/// The ingestion pipeline's spans, on the <see cref="IngestionMetrics.MeterName"/> activity source: one per
/// ingested report, with its product and outcome (and the offending field of a rejection). A span is the child of
/// the current one, the gRPC call's, which continues the reporter's trace when the reporter propagates its context
/// (W3C <c>traceparent</c>).
/// </summary>
public static class IngestionTracing
{
    /// <summary>Attribute with the report's product.</summary>
    public const string ProductAttribute = "telemetry.report.product";

    /// <summary>Attribute with the number of reports of a call.</summary>
    public const string ReportCountAttribute = "telemetry.ingest.report_count";

    /// <summary>The activity source; listened to by the collector's tracer provider.</summary>
    public static readonly ActivitySource Source = new(IngestionMetrics.MeterName);

    /// <summary>Starts the span of one batch call with <paramref name="reports"/> reports; null when no one listens.</summary>
    public static Activity? StartBatch(int reports) =>
        Source.StartActivity("ingest batch")?.SetTag(ReportCountAttribute, reports);

    /// <summary>Starts the span of one report; null when no one listens.</summary>
    public static Activity? StartReport(UsageReport report) =>
        Source.StartActivity("ingest report")?.SetTag(ProductAttribute, ReportRouting.Product(report));

    /// <summary>Records the outcome of the report on its span.</summary>
    public static void Completed(Activity? activity, ReportResult result)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(IngestionMetrics.OutcomeAttribute, IngestionMetrics.OutcomeName(result.Outcome));
        if (result.Outcome == ReportOutcome.Rejected)
        {
            activity.SetTag(IngestionMetrics.FieldPathAttribute, IngestionMetrics.NormalizePath(result.FieldPath));
        }
    }

    /// <summary>Records on the report's span that Redis was unavailable.</summary>
    public static void Unavailable(Activity? activity)
    {
        activity?.SetTag(IngestionMetrics.OutcomeAttribute, "unavailable")
            .SetTag("error.type", "unavailable")
            .SetStatus(ActivityStatusCode.Error, "the report buffer (Redis) is unavailable");
    }
}
