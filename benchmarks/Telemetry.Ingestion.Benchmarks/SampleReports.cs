using Google.Protobuf.WellKnownTypes;
using Telemetry.V1;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// A realistic small report: Mimir's usage report with its runtime statistics and a few counters, about 480 bytes
/// serialized. Each report gets a fresh report_id; a few thousand clusters share the load.
/// </summary>
internal static class SampleReports
{
    private static readonly UsageReport Template = CreateTemplate();
    private static readonly string[] ClusterIds = Enumerable.Range(0, 4096).Select(_ => Guid.NewGuid().ToString()).ToArray();

    /// <summary>The template's serialized size in bytes.</summary>
    public static int SerializedSize { get; } = Template.CalculateSize();

    public static UsageReport Next()
    {
        var report = Template.Clone();
        report.ReportId = Guid.NewGuid().ToString();
        var cluster = ClusterIds[Random.Shared.Next(ClusterIds.Length)];
        report.Instance.ClusterId = cluster;
        report.Mimir.ClusterId = cluster;
        return report;
    }

    private static UsageReport CreateTemplate()
    {
        var now = DateTimeOffset.UtcNow;
        var created = now.AddDays(-200);
        var interval = now.AddHours(-1);
        return new UsageReport
        {
            ReportId = Guid.NewGuid().ToString(),
            SchemaVersion = 1,
            Instance = new InstanceIdentity
            {
                ClusterId = Guid.NewGuid().ToString(),
                InstanceId = Guid.NewGuid().ToString(),
                CreatedTime = Timestamp.FromDateTimeOffset(created),
                IntervalStartTime = Timestamp.FromDateTimeOffset(interval),
                IntervalPeriod = Duration.FromTimeSpan(TimeSpan.FromHours(4)),
            },
            Build = new BuildInfo
            {
                Version = "2.14.1",
                BuildUser = "ci@build-host",
                RuntimeVersion = "go1.23.4",
            },
            Environment = new V1.Environment { Os = "linux", Arch = "amd64", LogicalCpus = 8 },
            Target = "ingester",
            Edition = "oss",
            ReportTime = Timestamp.FromDateTimeOffset(now),
            Mimir = new MimirReport
            {
                ClusterId = Guid.NewGuid().ToString(),
                CreatedAt = Timestamp.FromDateTimeOffset(created),
                Interval = Timestamp.FromDateTimeOffset(interval),
                IntervalPeriod = 14400,
                Target = "ingester",
                Version = new GrafanaVersion { Version = "2.14.1", GoVersion = "go1.23.4" },
                Os = "linux",
                Arch = "amd64",
                Edition = "oss",
                Mode = "classic",
                Metrics = new MimirMetrics
                {
                    Memstats = new GoMemStats
                    {
                        Alloc = 812_345_678,
                        TotalAlloc = 98_765_432_100,
                        Sys = 1_234_567_890,
                        HeapAlloc = 801_234_567,
                        HeapInuse = 845_678_901,
                        NumGc = 12_345,
                        GcCpuFraction = 0.0123,
                    },
                    NumGoroutine = 1_873,
                    CpuUsage = 142.5,
                    BlocksStorageBackend = "s3",
                    InstallationMode = "helm",
                    IngesterReplicationFactor = 3,
                    IngesterRingStore = "memberlist",
                    IngesterInmemorySeries = 2_345_678,
                    IngesterActiveSeries = 2_101_234,
                    IngesterInmemoryTenants = 12,
                    IngesterAppendedSamples = new Counter { Total = 1_234_567_890, Rate = 85_733.2 },
                    QuerierRangeQueryRequests = new Counter { Total = 123_456, Rate = 8.57 },
                },
            },
        };
    }
}
