using Telemetry.V1;

namespace Telemetry.Ingestion.Pipeline;

/// <summary>What a report is limited, authorized and counted by: its product and its instance key.</summary>
public static class ReportRouting
{
    /// <summary>
    /// The product name: the payload's field name (<c>mimir</c>, <c>tempo</c>, <c>influxdb</c>, <c>coroot</c>,
    /// <c>qdrant</c>, <c>loki</c>) or a generic report's product name; empty when no payload is set.
    /// </summary>
    public static string Product(UsageReport report) => report.PayloadCase switch
    {
        UsageReport.PayloadOneofCase.Mimir => "mimir",
        UsageReport.PayloadOneofCase.Tempo => "tempo",
        UsageReport.PayloadOneofCase.Influxdb => "influxdb",
        UsageReport.PayloadOneofCase.Coroot => "coroot",
        UsageReport.PayloadOneofCase.Qdrant => "qdrant",
        UsageReport.PayloadOneofCase.Loki => "loki",
        UsageReport.PayloadOneofCase.Generic => report.Generic.Product,
        _ => string.Empty,
    };

    /// <summary>The instance a report is rate limited by: its cluster_id, or its instance_id when it has none.</summary>
    public static string InstanceKey(UsageReport report) =>
        report.Instance is null ? string.Empty
        : report.Instance.ClusterId.Length > 0 ? report.Instance.ClusterId
        : report.Instance.InstanceId;
}
