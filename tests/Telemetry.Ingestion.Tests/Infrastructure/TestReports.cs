using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Telemetry.V1;

namespace Telemetry.Ingestion.Tests.Infrastructure;

/// <summary>Valid reports to start tests from, and bytes a newer client would send.</summary>
internal static class TestReports
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    public static UsageReport Mimir(string? reportId = null, string? clusterId = null, DateTimeOffset? reportTime = null) => new()
    {
        ReportId = reportId ?? Guid.NewGuid().ToString(),
        SchemaVersion = 1,
        Instance = new InstanceIdentity
        {
            ClusterId = clusterId ?? Guid.NewGuid().ToString(),
            IntervalPeriod = Duration.FromTimeSpan(TimeSpan.FromHours(4)),
        },
        Build = new BuildInfo { Version = "2.8.0", BuildUser = "alice@build-host" },
        ReportTime = Timestamp.FromDateTimeOffset(reportTime ?? DateTimeOffset.UtcNow),
        Mimir = new MimirReport
        {
            Target = "all",
            Metrics = new MimirMetrics
            {
                Memstats = new GoMemStats { Alloc = 123_456_789, GcCpuFraction = 0.01 },
                NumGoroutine = 300,
                CpuUsage = 12.5,
                IngesterInmemorySeries = 1_234_567,
                IngesterAppendedSamples = new Counter { Total = 1000, Rate = 2.5 },
            },
        },
    };

    public static UsageReport Generic(string product = "loki") => new()
    {
        ReportId = Guid.NewGuid().ToString(),
        SchemaVersion = 1,
        Instance = new InstanceIdentity { InstanceId = Guid.NewGuid().ToString() },
        ReportTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        Generic = new GenericReport
        {
            Product = product,
            Metrics =
            {
                ["streams"] = new MetricValue { IntValue = 12 },
                ["requests"] = new MetricValue { Counter = new Counter { Total = 5, Rate = 0.1 } },
                ["latency"] = new MetricValue { Histogram = new Histogram { Bounds = { 0.1, 1 }, Counts = { 1, 2, 3 }, Sum = 4, Count = 6 } },
            },
        },
    };

    /// <summary>
    /// The bytes a newer client sends for <paramref name="report"/>: with an unknown top-level field and an unknown
    /// field inside <c>instance</c> (a second occurrence of field 3, which parsers merge into the first).
    /// </summary>
    public static byte[] WithUnknownFields(UsageReport report)
    {
        using var instance = new MemoryStream();
        var instanceOutput = new CodedOutputStream(instance);
        instanceOutput.WriteTag(77, WireFormat.WireType.LengthDelimited);
        instanceOutput.WriteString("from a newer client");
        instanceOutput.Flush();

        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        report.WriteTo(output);
        output.WriteTag(99, WireFormat.WireType.Varint);
        output.WriteUInt64(42);
        output.WriteTag(UsageReport.InstanceFieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(instance.ToArray()));
        output.Flush();
        return stream.ToArray();
    }
}
