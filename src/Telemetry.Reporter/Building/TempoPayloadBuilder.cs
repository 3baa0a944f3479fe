using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>
/// A <see cref="TempoReport"/>: the envelope from the identity, schedule and build, the runtime fields from the
/// runtime collector, and every other <see cref="TempoMetrics"/> field from the metric of the same name (such as
/// the counter <c>distributor_spans_received</c> or the int <c>receiver_enabled_otlp</c>).
/// </summary>
internal sealed class TempoPayloadBuilder : IPayloadBuilder
{
    public void Build(UsageReport report, ReportBuildContext context)
    {
        var metrics = new TempoMetrics();
        MessageFiller.Fill(metrics, context.Snapshot);
        metrics.Memstats = GrafanaFields.MemStats(context.Environment);
        metrics.NumGoroutine = context.Environment.Threads;
        metrics.NumCpu = context.Environment.LogicalCpus;

        report.Tempo = new TempoReport
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
            Metrics = metrics,
        };
    }
}
