using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>
/// An <see cref="InfluxDbReport"/>: identity, build and runtime fields from the reporter, and every other scalar
/// field from the metric of the same name (such as the int <c>buckets_total</c> or the histogram
/// <c>query_duration_seconds</c>). The <c>ip</c> field is never set.
/// </summary>
internal sealed class InfluxDbPayloadBuilder : IPayloadBuilder
{
    public void Build(UsageReport report, ReportBuildContext context)
    {
        var influx = new InfluxDbReport();
        MessageFiller.Fill(influx, context.Snapshot);
        influx.Id = context.Identity.Id;
        influx.Version = context.Build.Version;
        influx.Commit = context.Build.Revision;
        influx.Os = context.Environment.Os;
        influx.Arch = context.Environment.Arch;
        influx.Cpus = context.Environment.LogicalCpus;
        influx.UptimeSeconds = context.Environment.Uptime.ToTimeSpan().TotalSeconds;
        influx.Ip = string.Empty;
        report.Influxdb = influx;
    }
}
