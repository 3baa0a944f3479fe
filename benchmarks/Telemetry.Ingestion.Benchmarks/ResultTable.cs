using System.Globalization;
using System.Text;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>Prints each figure beside its ceiling and its target.</summary>
internal static class ResultTable
{
    public const double UnaryShareOfHealthCheck = 0.60;
    public const double StreamTarget = 150_000;
    public const long SteadyRssTarget = 150L * 1024 * 1024;

    public static string Format(
        IReadOnlyList<RunFigures> runs,
        PhaseResult paced,
        long steadyRss,
        long peakRss,
        string xaddCommand,
        long verifiedEntries,
        long verifiedAccepted,
        int reportBytes,
        string pacedCpu)
    {
        var health = runs.Max(r => r.HealthCheckRate);
        var clientHealth = runs.Max(r => r.ClientHealthCheckRate);
        var xadd = runs.Max(r => r.XaddRate);
        var append = runs.MaxBy(r => r.BufferAppendRate)!;
        var unary = runs.MaxBy(r => r.Unary.AcceptedPerSecond)!.Unary;
        var stream = runs.MaxBy(r => r.Stream.AcceptedPerSecond)!.Stream;
        var unaryTarget = health * UnaryShareOfHealthCheck;

        var text = new StringBuilder();
        text.AppendLine(Invariant($"Best of {runs.Count} run(s); report {reportBytes} bytes serialized; {System.Environment.ProcessorCount} cores shared by Redis, the collector and the load."));
        text.AppendLine();
        Row(text, "figure", "measured", "ceiling", "target", "result");
        Row(text, new string('-', 34), new string('-', 22), new string('-', 30), new string('-', 24), new string('-', 12));
        Row(text, "health Check (h2load)", Rate(health), "-", "-", "ceiling");
        Row(text, "XADD (redis-benchmark, -P 16)", Rate(xadd), "-", "-", "ceiling");
        Row(text, "buffer append script alone", Rate(append.BufferAppendRate),
            Invariant($"redis {append.BufferAppendRedisCpu:F1} µs/report"), "-", "ceiling");
        Row(text, "unary ingest, 1 report/call", Rate(unary.AcceptedPerSecond),
            Invariant($"health {Rate(health)} ({unary.AcceptedPerSecond / health:P0})"),
            Invariant($">= 60% = {Rate(unaryTarget)}"), Verdict(unary.AcceptedPerSecond >= unaryTarget));
        Row(text, "  unary call latency p50 / p99", Latency(unary), "-", "-", string.Empty);
        Row(text, "  same load, health Check instead", Rate(clientHealth),
            Invariant($"unary ingest is {unary.AcceptedPerSecond / clientHealth:P0} of it"), "-", "load's ceiling");
        Row(text, "streaming ingest, acknowledged", Rate(stream.AcceptedPerSecond),
            Invariant($"append {Rate(append.BufferAppendRate)} ({stream.AcceptedPerSecond / append.BufferAppendRate:P0})"),
            Invariant($">= {Rate(StreamTarget)}"), Verdict(stream.AcceptedPerSecond >= StreamTarget));
        Row(text, "  stream send->ack p50 / p99", Latency(stream), "-", "-", string.Empty);
        Row(text, Invariant($"RSS at steady {paced.AcceptedPerSecond:N0} reports/s"), Mib(steadyRss) + " (max VmRSS)", "-",
            "<= " + Mib(SteadyRssTarget), Verdict(steadyRss <= SteadyRssTarget));
        Row(text, "  paced send->ack p50 / p99", Latency(paced), "-", "-", string.Empty);
        Row(text, "  paced " + pacedCpu, string.Empty, string.Empty, string.Empty, string.Empty);
        Row(text, "peak RSS overall (VmHWM)", Mib(peakRss), "-", "-", string.Empty);
        Row(text, "Redis entries = accepted reports", Invariant($"{verifiedEntries:N0} = {verifiedAccepted:N0}"), "-", "equal",
            verifiedEntries == verifiedAccepted ? "OK" : "MISMATCH");
        text.AppendLine();
        text.AppendLine("XADD ceiling command: " + xaddCommand);
        text.AppendLine();
        text.AppendLine("run  health/s     XADD/s       unary/s    p50/p99 ms      stream/s   p50/p99 ms      other  failed");
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            text.AppendLine(Invariant(
                $"{i + 1,3}  {run.HealthCheckRate,10:N0}  {run.XaddRate,10:N0}  {run.Unary.AcceptedPerSecond,10:N0}  {Latency(run.Unary),-14}  {run.Stream.AcceptedPerSecond,9:N0}  {Latency(run.Stream),-14}  {run.Unary.Other + run.Stream.Other,5}  {run.Unary.Failed + run.Stream.Failed,6}"));
        }

        text.AppendLine();
        text.AppendLine("CPU µs per call or report (user + system, /proc/PID/stat):");
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            text.AppendLine(Invariant($"{i + 1,3}  health check: collector {run.HealthCheckCollectorCpu:F0}; unary: {run.UnaryCpu}; stream: {run.StreamCpu}"));
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string figure, string measured, string ceiling, string target, string result) =>
        text.AppendLine(Invariant($"{figure,-34} {measured,-22} {ceiling,-30} {target,-24} {result}"));

    private static string Rate(double perSecond) => Invariant($"{perSecond:N0} /s");

    private static string Latency(PhaseResult phase) => Invariant($"{phase.P50Ms:F2} / {phase.P99Ms:F2} ms");

    private static string Mib(long bytes) => Invariant($"{bytes / (1024.0 * 1024.0):F0} MiB");

    private static string Verdict(bool met) => met ? "MET" : "BELOW";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
