using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Metrics;
using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>Everything one report is built from.</summary>
internal sealed record ReportBuildContext(
    TelemetryReporterOptions Options,
    InstallationIdentity Identity,
    DateTimeOffset Slot,
    RegistrySnapshot Snapshot,
    Telemetry.V1.Environment Environment,
    BuildInfo Build);
