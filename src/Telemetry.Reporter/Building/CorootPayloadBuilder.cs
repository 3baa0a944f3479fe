using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>
/// A <see cref="CorootReport"/>: the instance from the identity and build, and the groups from metrics named
/// <c>group.field</c> (such as the int <c>infra.nodes</c> or the int <c>integration.prometheus</c>, 1 meaning
/// true), repeated fields by index (<c>stack.clouds[0]</c>) and maps by key (<c>ux.api_calls[/p/$projectId]</c>).
/// </summary>
internal sealed class CorootPayloadBuilder : IPayloadBuilder
{
    public void Build(UsageReport report, ReportBuildContext context)
    {
        var coroot = new CorootReport();
        MessageFiller.Fill(coroot, context.Snapshot);
        coroot.Instance ??= new CorootInstance();
        coroot.Instance.Uuid = context.Identity.Id;
        coroot.Instance.Version = context.Build.Version;
        report.Coroot = coroot;
    }
}
