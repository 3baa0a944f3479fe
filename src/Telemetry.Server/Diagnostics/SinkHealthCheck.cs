using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telemetry.Upload;

namespace Telemetry.Server.Diagnostics;

/// <summary>
/// Degraded while the last upload attempt of this process's uploader could not reach the sink (or failed outright).
/// The collector stays ready: reports wait in the buffer and the uploader retries. Registered only where the
/// uploader runs in the collector; it reads the attempts' outcomes, so it costs the sink nothing.
/// </summary>
internal sealed class SinkHealthCheck(IReportSink sink, UploadMetrics metrics) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(metrics.LastAttemptFailed(sink.Name)
            ? HealthCheckResult.Degraded($"the sink \"{sink.Name}\" is unreachable; reports wait in the buffer")
            : HealthCheckResult.Healthy($"the sink \"{sink.Name}\" is reachable"));
}
