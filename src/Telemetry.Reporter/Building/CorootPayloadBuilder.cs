using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>
/// A <see cref="CorootReport"/>: the instance from the identity and build, and the groups from metrics named
/// <c>group.field</c> (such as the int <c>infra.nodes</c> or the int <c>integration.prometheus</c>, 1 meaning
/// true). The profile group is never filled: raw profiles are not usage statistics.
/// </summary>
internal sealed class CorootPayloadBuilder : IPayloadBuilder
{
    public void Build(UsageReport report, ReportBuildContext context)
    {
        var coroot = new CorootReport();
        MessageFiller.Fill(coroot, string.Empty, context.Snapshot);
        coroot.Instance ??= new CorootInstance();
        coroot.Instance.Uuid = context.Identity.Id;
        coroot.Instance.Version = context.Build.Version;
        coroot.Profile = null;
        report.Coroot = coroot;
    }
}
