namespace Telemetry.Server.Diagnostics;

/// <summary>Tags of the collector's health checks: which answers each one feeds.</summary>
internal static class HealthTags
{
    /// <summary>Checks that decide readiness: <c>/readyz</c> and the gRPC health service.</summary>
    public const string Ready = "ready";
}
