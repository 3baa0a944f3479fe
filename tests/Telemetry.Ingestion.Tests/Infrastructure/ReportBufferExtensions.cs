using Telemetry.Ingestion.Buffering;

namespace Telemetry.Ingestion.Tests.Infrastructure;

/// <summary>One report through <see cref="IReportBuffer.AppendAsync"/>, which takes batches.</summary>
internal static class ReportBufferExtensions
{
    /// <summary>
    /// Appends one report. Without an instance key the report_id stands in for it: every report is its own
    /// installation (never rate limited by another) and lands on the shard of its report_id.
    /// </summary>
    public static async Task<AppendResult> AppendAsync(this IReportBuffer buffer, byte[] report, string reportId, string product, string? instanceKey = null)
    {
        var results = await buffer.AppendAsync([new AppendRequest(report, reportId, product, instanceKey ?? reportId)]);
        return results[0];
    }
}
