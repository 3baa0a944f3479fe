using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Telemetry.Server.Diagnostics;

/// <summary>
/// Healthy while the collector holds a connection to the Redis of the buffer. It reads the connection's state
/// (<see cref="BufferConnectionMonitor"/>) instead of sending a command, so a health check costs no Redis round trip
/// and turns unhealthy as soon as the connection drops; ingestion itself fails fast on its own when Redis does not
/// answer.
/// </summary>
internal sealed class BufferHealthCheck(BufferConnectionMonitor connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.IsConnected
            ? HealthCheckResult.Healthy("the report buffer (Redis) is connected")
            : HealthCheckResult.Unhealthy("the report buffer (Redis) is unreachable"));
}
