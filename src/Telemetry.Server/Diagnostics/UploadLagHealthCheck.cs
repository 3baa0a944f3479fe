using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Telemetry.Ingestion.Diagnostics;

namespace Telemetry.Server.Diagnostics;

/// <summary>
/// Degraded while the oldest buffered report is older than <see cref="HealthOptions.UploadLagThreshold"/>: the
/// uploaders (in this process or in <c>telemetry-uploader</c>) fall behind or are down. The collector stays ready,
/// since the buffer exists to take reports while storage lags; it reads the buffer gauges' last status, not Redis.
/// </summary>
internal sealed class UploadLagHealthCheck(BufferMetrics buffer, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var threshold = options.Value.UploadLagThreshold;
        var oldest = buffer.Shards?.Max(s => s.OldestEntryAge ?? TimeSpan.Zero) ?? TimeSpan.Zero;
        return Task.FromResult(oldest > threshold
            ? HealthCheckResult.Degraded($"the uploaders lag: the oldest buffered report is {oldest.TotalSeconds:F0} s old (threshold {threshold.TotalSeconds:F0} s)")
            : HealthCheckResult.Healthy("the uploaders keep up"));
    }
}
