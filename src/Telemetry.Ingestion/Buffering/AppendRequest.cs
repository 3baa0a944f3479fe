namespace Telemetry.Ingestion.Buffering;

/// <summary>One report for <see cref="IReportBuffer.AppendAsync"/>.</summary>
/// <param name="Report">The serialized, anonymized <c>UsageReport</c>.</param>
/// <param name="ReportId">Its report_id, the duplicate key.</param>
/// <param name="Product">Its product, which selects the rate limit.</param>
/// <param name="InstanceKey">Its installation (<see cref="Telemetry.Buffer.InstanceKeys"/>), which selects the shard and the rate limit.</param>
public readonly record struct AppendRequest(byte[] Report, string ReportId, string Product, string InstanceKey);
