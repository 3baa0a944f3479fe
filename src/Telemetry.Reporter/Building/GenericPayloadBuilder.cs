using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>A <see cref="GenericReport"/> carrying every registered metric under its name.</summary>
internal sealed class GenericPayloadBuilder : IPayloadBuilder
{
    public void Build(UsageReport report, ReportBuildContext context)
    {
        var generic = new GenericReport { Product = context.Options.Product };
        foreach (var (name, value) in context.Snapshot.Values)
        {
            generic.Metrics.Add(name, value.Clone());
        }

        report.Generic = generic;
    }
}
