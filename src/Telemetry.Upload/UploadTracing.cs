using System.Diagnostics;

namespace Telemetry.Upload;

/// <summary>
/// The uploader's spans, on the <see cref="UploadMetrics.MeterName"/> activity source: one per attempt to store a
/// batch, with the shard, the sink, the number of reports and the outcome (<c>stored</c>, or the kind of failure).
/// <see cref="UploadMetrics"/> ends the span when it counts the attempt's outcome, so the span covers the sink's
/// work and not the back-off that follows a failure.
/// </summary>
public static class UploadTracing
{
    /// <summary>Attribute with the outcome of an upload attempt.</summary>
    public const string OutcomeAttribute = "telemetry.upload.outcome";

    /// <summary>Attribute with the number of reports of a batch.</summary>
    public const string ReportCountAttribute = "telemetry.upload.report_count";

    /// <summary>The activity source; listened to by the collector's tracer provider.</summary>
    public static readonly ActivitySource Source = new(UploadMetrics.MeterName);

    /// <summary>Starts the span of one attempt to store a batch; null when no one listens.</summary>
    public static Activity? StartBatch(int shard, string sink, int reports)
    {
        var activity = Source.StartActivity("upload batch", ActivityKind.Client);
        activity?.SetTag(UploadMetrics.ShardAttribute, shard)
            .SetTag(UploadMetrics.SinkAttribute, sink)
            .SetTag(ReportCountAttribute, reports);
        return activity;
    }

    /// <summary>Marks the attempt stored and ends its span, unless it already failed for some of its reports.</summary>
    internal static void Stored(Activity? activity, int reports)
    {
        if (activity?.Source == Source && activity.GetTagItem(OutcomeAttribute) is null)
        {
            activity.SetTag(OutcomeAttribute, "stored");
            activity.SetTag("telemetry.upload.stored_count", reports);
            activity.Stop();
        }
    }

    /// <summary>Marks the attempt failed with <paramref name="kind"/> and ends its span.</summary>
    internal static void Failed(Activity? activity, string kind)
    {
        if (activity?.Source == Source)
        {
            activity.SetTag(OutcomeAttribute, kind);
            activity.SetTag("error.type", kind);
            activity.SetStatus(ActivityStatusCode.Error, kind);
            activity.Stop();
        }
    }
}
