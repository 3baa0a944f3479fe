using System.Globalization;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>CPU used so far by the collector, Redis and the benchmark itself, to divide by the reports of a phase.</summary>
internal sealed record CpuSnapshot(TimeSpan Collector, TimeSpan Redis, TimeSpan Load)
{
    public static CpuSnapshot Take(CollectorProcess collector, RedisProcess redis) =>
        new(ProcessCpu.Used(collector.ProcessId), ProcessCpu.Used(redis.ProcessId), ProcessCpu.Used(System.Environment.ProcessId));

    /// <summary>The collector's CPU microseconds per call since this snapshot.</summary>
    public string CollectorPerReport(CollectorProcess collector, RedisProcess redis, long calls) =>
        string.Create(CultureInfo.InvariantCulture, $"{(Take(collector, redis).Collector - Collector).TotalMicroseconds / Math.Max(1, calls):F0}");

    /// <summary>CPU microseconds per accepted report since this snapshot, per process.</summary>
    public string PerReport(CollectorProcess collector, RedisProcess redis, long reports)
    {
        var now = Take(collector, redis);
        var divisor = Math.Max(1, reports) / 1_000_000.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU µs/report: collector {(now.Collector - Collector).TotalSeconds / divisor:F0}, redis {(now.Redis - Redis).TotalSeconds / divisor:F0}, load {(now.Load - Load).TotalSeconds / divisor:F0}");
    }
}
