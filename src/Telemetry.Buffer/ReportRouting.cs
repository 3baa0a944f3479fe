using Telemetry.V1;

namespace Telemetry.Buffer;

/// <summary>What a report is limited, authorized and counted by: its product (its instance key is <see cref="InstanceKeys"/>).</summary>
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
}
