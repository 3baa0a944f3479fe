using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>
/// A <see cref="MimirReport"/>: the envelope from the identity, schedule and build, the runtime group from the
/// runtime collector, and every other <see cref="MimirMetrics"/> field from the metric of the same name (such as
/// the counter <c>ingester_appended_samples</c> or the string <c>blocks_storage_backend</c>). The string metric
/// <c>mode</c> fills the report's mode.
/// </summary>
internal sealed class MimirPayloadBuilder : IPayloadBuilder
{
    public void Build(UsageReport report, ReportBuildContext context)
    {
        var metrics = new MimirMetrics();
        MessageFiller.Fill(metrics, context.Snapshot);
        metrics.Memstats = GrafanaFields.MemStats(context.Environment);
        metrics.NumGoroutine = context.Environment.Threads;
        metrics.CpuUsage = context.Environment.PeakCpuPercent;
        metrics.NumCpu = context.Environment.LogicalCpus;

        report.Mimir = new MimirReport
        {
            ClusterId = GrafanaFields.ClusterId(context),
            CreatedAt = GrafanaFields.CreatedAt(context),
            Interval = GrafanaFields.Interval(context),
            IntervalPeriod = context.Options.Interval.TotalSeconds,
            Target = context.Options.Target,
            Version = GrafanaFields.Version(context),
            Os = context.Environment.Os,
            Arch = context.Environment.Arch,
            Edition = context.Options.Edition,
            Mode = context.Snapshot.Values.TryGetValue("mode", out var mode) ? mode.StringValue : string.Empty,
            Metrics = metrics,
        };
    }
}
