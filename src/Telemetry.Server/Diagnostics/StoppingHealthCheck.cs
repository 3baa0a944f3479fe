using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Telemetry.Server.Diagnostics;

/// <summary>Unhealthy once the collector has begun to stop, so load balancers send new reports elsewhere.</summary>
internal sealed class StoppingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("the collector is stopping")
            : HealthCheckResult.Healthy("the collector is running"));
}
