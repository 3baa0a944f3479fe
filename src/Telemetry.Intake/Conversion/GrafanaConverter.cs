using Google.Protobuf.WellKnownTypes;
using Telemetry.Intake.Internal;
using Telemetry.V1;

namespace Telemetry.Intake.Conversion;

/// <summary>
/// Mimir's and Tempo's usage reports (Grafana's usagestats <c>Report</c>: clusterID, createdAt, interval,
/// intervalPeriod, target, version, os, arch, edition, metrics). Their payload messages keep Grafana's JSON names,
/// so the body parses into them unchanged; the envelope repeats what the whole collector indexes on.
/// </summary>
internal static class GrafanaConverter
{
    public static NativeReport Mimir(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var json = ProtoJson.ReadObject(body);
        var mimir = ProtoJson.Parse<MimirReport>(json, "body");
        var unknown = new List<string>();
        ProtoJson.UnknownFields(json, MimirReport.Descriptor, string.Empty, unknown);
        var report = Envelope(IntakeProducts.Mimir, body, mimir.ClusterId, mimir.CreatedAt, mimir.Interval, mimir.IntervalPeriod, mimir.Version, receivedAt);
        report.Target = mimir.Target;
        report.Edition = mimir.Edition;
        report.Environment = new V1.Environment { Os = mimir.Os, Arch = mimir.Arch, LogicalCpus = (uint)Math.Max(0, mimir.Metrics?.NumCpu ?? 0) };
        mimir.ClusterId = report.Instance.ClusterId;
        report.Mimir = mimir;
        return new NativeReport(report, unknown);
    }

    public static NativeReport Tempo(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var json = ProtoJson.ReadObject(body);
        var tempo = ProtoJson.Parse<TempoReport>(json, "body");
        var unknown = new List<string>();
        ProtoJson.UnknownFields(json, TempoReport.Descriptor, string.Empty, unknown);
        var report = Envelope(IntakeProducts.Tempo, body, tempo.ClusterId, tempo.CreatedAt, tempo.Interval, tempo.IntervalPeriod, tempo.Version, receivedAt);
        report.Target = tempo.Target;
        report.Edition = tempo.Edition;
        report.Environment = new V1.Environment { Os = tempo.Os, Arch = tempo.Arch, LogicalCpus = (uint)Math.Max(0, tempo.Metrics?.NumCpu ?? 0) };
        tempo.ClusterId = report.Instance.ClusterId;
        report.Tempo = tempo;
        return new NativeReport(report, unknown);
    }

    /// <summary>The envelope every Grafana report shares; the cluster id is required and lower-cased.</summary>
    public static UsageReport Envelope(
        string product,
        ReadOnlySpan<byte> body,
        string clusterId,
        Timestamp? createdAt,
        Timestamp? interval,
        double intervalPeriodSeconds,
        GrafanaVersion? version,
        DateTimeOffset receivedAt)
    {
        if (clusterId.Length == 0)
        {
            throw new IntakeFormatException("clusterID", "the cluster id is required (Grafana's reporter sends the UUID of its cluster seed).");
        }

        var cluster = clusterId.ToLowerInvariant();
        return new UsageReport
        {
            ReportId = ReportIds.Derive(product, $"{cluster}\n{interval}", body),
            SchemaVersion = 1,
            Instance = new InstanceIdentity
            {
                ClusterId = cluster,
                CreatedTime = createdAt,
                IntervalStartTime = interval,
                IntervalPeriod = intervalPeriodSeconds > 0 ? Duration.FromTimeSpan(TimeSpan.FromSeconds(intervalPeriodSeconds)) : null,
            },
            Build = version is null ? null : new BuildInfo
            {
                Version = version.Version,
                Revision = version.Revision,
                Branch = version.Branch,
                RuntimeVersion = version.GoVersion,
            },
            ReportTime = Timestamp.FromDateTimeOffset(receivedAt),
        };
    }
}
