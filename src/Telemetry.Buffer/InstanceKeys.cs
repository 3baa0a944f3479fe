using Telemetry.V1;

namespace Telemetry.Buffer;

/// <summary>
/// The key of the installation a report belongs to: what its rate limit counts, and what data-rights requests name
/// it by.
/// </summary>
public static class InstanceKeys
{
    /// <summary>The report's <c>instance.cluster_id</c> if set, else its <c>instance.instance_id</c>; empty when neither is.</summary>
    public static string Of(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Instance is null ? string.Empty
            : report.Instance.ClusterId.Length > 0 ? report.Instance.ClusterId
            : report.Instance.InstanceId;
    }
}
