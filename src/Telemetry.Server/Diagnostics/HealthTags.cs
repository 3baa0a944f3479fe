namespace Telemetry.Server.Diagnostics;

/// <summary>Tags of the collector's health checks: which answers each one feeds.</summary>
internal static class HealthTags
{
    /// <summary>Checks that decide readiness: <c>/readyz</c> and the gRPC health service.</summary>
    public const string Ready = "ready";

    /// <summary>
    /// Checks that decide liveness (<c>/healthz</c>): only what a restart would cure. None depends on Redis or the
    /// sink, so an outage of either does not restart the collector.
    /// </summary>
    public const string Live = "live";
}
