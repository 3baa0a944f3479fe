namespace Telemetry.Ingestion.Benchmarks;

/// <summary>CPU used so far by the collector, Redis and the benchmark itself, to divide by the reports of a phase.</summary>
internal sealed record CpuSnapshot(TimeSpan Collector, TimeSpan Redis, TimeSpan Load)
{
    public static CpuSnapshot Take(CollectorProcess collector, RedisProcess redis) =>
        new(ProcessCpu.Used(collector.ProcessId), ProcessCpu.Used(redis.ProcessId), ProcessCpu.Used(System.Environment.ProcessId));

    /// <summary>The collector's CPU microseconds per call since this snapshot.</summary>
    public double CollectorPerCall(CollectorProcess collector, RedisProcess redis, long calls) =>
        (Take(collector, redis).Collector - Collector).TotalMicroseconds / Math.Max(1, calls);

    /// <summary>CPU microseconds per accepted report since this snapshot, per process.</summary>
    public CpuPerReport PerReport(CollectorProcess collector, RedisProcess redis, long reports)
    {
        var now = Take(collector, redis);
        var divisor = (double)Math.Max(1, reports);
        return new CpuPerReport(
            (now.Collector - Collector).TotalMicroseconds / divisor,
            (now.Redis - Redis).TotalMicroseconds / divisor,
            (now.Load - Load).TotalMicroseconds / divisor);
    }
}
