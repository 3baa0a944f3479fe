using System.Globalization;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// The headline figures on one line of <c>key=value</c> pairs after the word <c>summary</c>, with invariant numbers,
/// for scripts that compare collectors (scripts/bench-ingest-vs.sh). Each figure is the best of the runs, as in the
/// table; the CPU figures belong to the run with that best rate, so rate and cost describe the same run.
/// </summary>
internal static class SummaryLine
{
    public static string Format(IReadOnlyList<RunFigures> runs, long steadyRss, long peakRss)
    {
        var health = runs.MaxBy(r => r.HealthCheckRate)!;
        var unary = runs.MaxBy(r => r.Unary.AcceptedPerSecond)!;
        var stream = runs.MaxBy(r => r.Stream.AcceptedPerSecond)!;
        return string.Create(CultureInfo.InvariantCulture,
            $"summary health_check={health.HealthCheckRate:F0} health_check_collector_us={health.HealthCheckCollectorCpu:F1}"
            + $" client_health_check={runs.Max(r => r.ClientHealthCheckRate):F0}"
            + $" unary={unary.Unary.AcceptedPerSecond:F0} unary_p50_ms={unary.Unary.P50Ms:F2} unary_p99_ms={unary.Unary.P99Ms:F2}"
            + $" unary_collector_us={unary.UnaryCpu.Collector:F1} unary_redis_us={unary.UnaryCpu.Redis:F1}"
            + $" stream={stream.Stream.AcceptedPerSecond:F0} stream_p50_ms={stream.Stream.P50Ms:F2} stream_p99_ms={stream.Stream.P99Ms:F2}"
            + $" stream_collector_us={stream.StreamCpu.Collector:F1} stream_redis_us={stream.StreamCpu.Redis:F1}"
            + $" steady_rss_mib={steadyRss / 1048576.0:F0} peak_rss_mib={peakRss / 1048576.0:F0}");
    }
}
