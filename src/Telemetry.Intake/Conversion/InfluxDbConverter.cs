using Google.Protobuf.WellKnownTypes;
using Telemetry.Intake.Internal;
using Telemetry.Intake.Prometheus;
using Telemetry.V1;

namespace Telemetry.Intake.Conversion;

/// <summary>
/// InfluxDB 2.x's telemetry push: the Prometheus families of its telemetry matcher (telemetry/metrics.go) mapped
/// onto <see cref="InfluxDbReport"/>. The instance is the <c>id</c> label of <c>influxdb_uptime_seconds</c>; an
/// <c>ip</c> label, which InfluxDB's own receiver adds, is never kept. Client timestamps are refused, as
/// InfluxDB's receiver and the Pushgateway refuse them.
/// </summary>
internal static class InfluxDbConverter
{
    public static NativeReport Convert(byte[] body, string? contentType, DateTimeOffset receivedAt)
    {
        var families = MetricFamilyReader.Read(body, contentType);
        if (families.SelectMany(f => f.Metric).Any(m => m.HasTimestampMs))
        {
            throw new IntakeFormatException("timestamp", "pushed metrics must not have timestamp");
        }

        var influx = new InfluxDbReport();
        var unknown = new List<string>();
        foreach (var family in families)
        {
            if (!Apply(family, influx))
            {
                unknown.Add(family.Name);
            }
        }

        influx.Ip = string.Empty;
        if (influx.Id.Length == 0)
        {
            throw new IntakeFormatException("influxdb_uptime_seconds", "the id label (the instance's snowflake id) is required.");
        }

        var report = new UsageReport
        {
            ReportId = ReportIds.Derive(IntakeProducts.InfluxDb, influx.Id, body),
            SchemaVersion = 1,
            // InfluxDB's id is a 16-digit snowflake, not a UUID: the instance id is a name-based UUID of it.
            Instance = new InstanceIdentity { InstanceId = ReportIds.NameBased($"influxdb-id\n{influx.Id}") },
            Build = new BuildInfo { Version = influx.Version, Revision = influx.Commit },
            Environment = new V1.Environment { Os = influx.Os, Arch = influx.Arch, LogicalCpus = (uint)Math.Clamp(influx.Cpus, 0, uint.MaxValue) },
            ReportTime = Timestamp.FromDateTimeOffset(receivedAt),
            Influxdb = influx,
        };
        return new NativeReport(report, unknown);
    }

    /// <summary>Copies one family into the report; false when the contract has no place for it.</summary>
    private static bool Apply(MetricFamily family, InfluxDbReport influx)
    {
        switch (family.Name)
        {
            case "influxdb_info":
                var info = family.Metric.FirstOrDefault();
                influx.Version = Label(info, "version");
                influx.Commit = Label(info, "commit");
                influx.BuildDate = Label(info, "build_date");
                influx.Os = Label(info, "os");
                influx.Arch = Label(info, "arch");
                influx.Cpus = long.TryParse(Label(info, "cpus"), out var cpus) ? cpus : 0;
                return true;
            case "influxdb_uptime_seconds":
                influx.Id = Label(family.Metric.FirstOrDefault(), "id");
                influx.UptimeSeconds = family.Metric.Select(Value).FirstOrDefault();
                return true;
            case "influxdb_organizations_total": influx.OrganizationsTotal = Sum(family); return true;
            case "influxdb_buckets_total": influx.BucketsTotal = Sum(family); return true;
            case "influxdb_users_total": influx.UsersTotal = Sum(family); return true;
            case "influxdb_tokens_total": influx.TokensTotal = Sum(family); return true;
            case "influxdb_dashboards_total": influx.DashboardsTotal = Sum(family); return true;
            case "influxdb_scrapers_total": influx.ScrapersTotal = Sum(family); return true;
            case "influxdb_telegrafs_total": influx.TelegrafsTotal = Sum(family); return true;
            case "influxdb_remotes_total": influx.RemotesTotal = Sum(family); return true;
            case "influxdb_replications_total": influx.ReplicationsTotal = Sum(family); return true;
            case "task_scheduler_claims_active": influx.TaskSchedulerClaimsActive = Sum(family); return true;
            case "storage_wal_current_segment_bytes": influx.WalCurrentSegmentBytes = Sum(family); return true;
            case "storage_tsm_files_disk_bytes": influx.StorageBytes = Sum(family); return true;
            case "influxdb_telegraf_plugins_count":
                foreach (var metric in family.Metric)
                {
                    var plugin = string.Join(":", metric.Label.Where(l => l.Name != "ip").Select(l => l.Value));
                    influx.TelegrafPlugins[plugin] = influx.TelegrafPlugins.GetValueOrDefault(plugin) + Whole(metric);
                }

                return true;
            case "storage_wal_writes_total":
                foreach (var metric in family.Metric)
                {
                    var status = Label(metric, "status");
                    influx.WalWritesByStatus[status] = influx.WalWritesByStatus.GetValueOrDefault(status) + Whole(metric);
                }

                return true;
            case "http_api_requests_total":
                influx.HttpApiRequests.AddRange(family.Metric.Select(m => new InfluxDbHttpApiRequests
                {
                    Path = Label(m, "path"),
                    Method = Label(m, "method"),
                    Status = Label(m, "status"),
                    UserAgent = Label(m, "user_agent"),
                    Count = Whole(m),
                }));
                return true;
            case "query_control_requests_total":
                influx.QueryRequests.AddRange(family.Metric.Select(m => new InfluxDbQueryRequests { Org = Label(m, "org"), Result = Label(m, "result"), Count = Whole(m) }));
                return true;
            case "query_control_functions_total":
                influx.FluxFunctionCalls.AddRange(family.Metric.Select(m => new InfluxDbFunctionCalls { Function = Label(m, "function"), Count = Whole(m) }));
                return true;
            case "storage_tsi_index_series_total":
                influx.IndexPartitions.AddRange(family.Metric.Select(m => new InfluxDbIndexPartition { IndexPartition = Partition(m), Series = Whole(m) }));
                influx.SeriesTotal = Sum(family);
                return true;
            case "storage_series_file_disk_bytes":
                influx.SeriesFilePartitions.AddRange(family.Metric.Select(m => new InfluxDbSeriesFilePartition { SeriesFilePartition = Partition(m), DiskBytes = Whole(m) }));
                return true;
            case "query_control_all_duration_seconds" when family.Type == MetricType.Histogram:
                influx.QueryDurationSeconds = MergedHistogram(family);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The histograms of every organization added up: bounds from the first, counts per bucket.</summary>
    private static V1.Histogram? MergedHistogram(MetricFamily family)
    {
        var series = family.Metric.Where(m => m.Histogram is not null).Select(m => m.Histogram).ToList();
        if (series.Count == 0)
        {
            return null;
        }

        var bounds = series[0].Bucket.Select(b => b.UpperBound).Where(double.IsFinite).ToList();
        var cumulative = new ulong[bounds.Count];
        ulong count = 0;
        double sum = 0;
        foreach (var histogram in series)
        {
            count += histogram.SampleCount;
            sum += histogram.SampleSum;
            for (var i = 0; i < bounds.Count; i++)
            {
                cumulative[i] += histogram.Bucket.FirstOrDefault(b => b.UpperBound == bounds[i])?.CumulativeCount ?? 0;
            }
        }

        // Prometheus buckets are cumulative; the contract counts each bucket on its own, plus the one above the last bound.
        var result = new V1.Histogram { Bounds = { bounds }, Sum = sum, Count = count };
        ulong previous = 0;
        foreach (var total in cumulative)
        {
            result.Counts.Add(total - Math.Min(previous, total));
            previous = total;
        }

        result.Counts.Add(count - Math.Min(previous, count));
        return result;
    }

    private static string Label(Metric? metric, string name) =>
        metric?.Label.FirstOrDefault(l => l.Name == name)?.Value ?? string.Empty;

    private static string Partition(Metric metric) =>
        string.Join(":", metric.Label.Where(l => l.Name is not ("ip" or "id")).Select(l => l.Value));

    private static double Value(Metric metric) =>
        metric.Gauge?.Value ?? metric.Counter?.Value ?? metric.Untyped?.Value ?? 0;

    private static long Whole(Metric metric)
    {
        var value = Value(metric);
        return double.IsFinite(value) ? (long)Math.Round(value) : 0;
    }

    private static long Sum(MetricFamily family) => family.Metric.Sum(Whole);
}
