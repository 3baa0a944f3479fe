using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>Sets a report's product payload.</summary>
internal interface IPayloadBuilder
{
    void Build(UsageReport report, ReportBuildContext context);
}
