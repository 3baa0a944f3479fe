using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// Starts Redis and the collector, measures the memory at a paced rate on the fresh collector, then repeats the
/// ceilings, unary and streaming phases, checking after each run that Redis holds every accepted report.
/// </summary>
internal static class IngestionBenchmark
{
    private static readonly TimeSpan PacedRamp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        await using var redis = await RedisProcess.StartAsync(cancellationToken);
        using var otlp = new OtlpSink();
        await using var collector = await CollectorProcess.StartAsync(options.CollectorPath, $"127.0.0.1:{redis.Port}", options.Otlp ? otlp.Endpoint : null, cancellationToken);
        using var redisConnection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var buffer = new BufferCheck(redisConnection);
        var address = new Uri(collector.GrpcAddress);
        var connections = Enumerable.Range(0, options.Connections).Select(_ => new CollectorConnection(address)).ToList();
        try
        {
            Log($"redis-server pid {redis.ProcessId} port {redis.Port} (appendonly yes, appendfsync everysec); collector pid {collector.ProcessId} port {collector.GrpcPort}");
            Log($"report: Mimir, {SampleReports.SerializedSize} bytes; {options.Connections} connections; unary {options.UnaryConcurrency} calls/connection; {options.Streams} streams, window {options.StreamWindow}");

            // Memory first, on the fresh collector: a collector that has run at full speed keeps the heap it grew then.
            Log($"paced streaming at {options.PacedRate:N0} reports/s: {PacedRamp.TotalSeconds:F0} s ramp, {options.PacedDuration.TotalSeconds:F0} s measured");
            var verifiedAccepted = 0L;
            var verifiedEntries = 0L;
            var ramp = await StreamLoad.RunAsync(connections, options.Streams, options.StreamWindow, PacedRamp, options.MaxReportsPerPhase, options.PacedRate, cancellationToken);
            using var sampling = new CancellationTokenSource();
            var sampler = SampleRssAsync(collector, sampling.Token);
            var pacedCpu = CpuSnapshot.Take(collector, redis);
            var paced = await StreamLoad.RunAsync(connections, options.Streams, options.StreamWindow, options.PacedDuration, options.MaxReportsPerPhase, options.PacedRate, cancellationToken);
            await sampling.CancelAsync();
            var steadyRss = await sampler;
            var pacedCpuPerReport = pacedCpu.PerReport(collector, redis, paced.Accepted);
            Log($"  paced: {paced.AcceptedPerSecond:N0} accepted/s, p50 {paced.P50Ms:F2} ms, p99 {paced.P99Ms:F2} ms, max VmRSS {steadyRss / 1048576.0:F0} MiB, {(options.Otlp ? $"metrics and traces exported over OTLP ({otlp.Requests:N0} exports, {otlp.Bytes / 1048576.0:F1} MiB so far)" : "no OTLP export")}; {pacedCpuPerReport}");
            if (!await VerifyAsync(buffer, ramp.Accepted + paced.Accepted, [ramp, paced]))
            {
                return 1;
            }

            verifiedAccepted += ramp.Accepted + paced.Accepted;
            verifiedEntries += ramp.Accepted + paced.Accepted;
            await buffer.DrainAsync();

            var runs = new List<RunFigures>();
            for (var run = 1; run <= options.Runs; run++)
            {
                Log($"run {run} of {options.Runs}");
                if (run == 1)
                {
                    await Ceilings.HealthCheckRateAsync(connections[0].Health, collector.GrpcPort, Math.Min(options.HealthCheckRequests, 20_000), cancellationToken);
                }

                var healthCpu = CpuSnapshot.Take(collector, redis);
                var health = await Ceilings.HealthCheckRateAsync(connections[0].Health, collector.GrpcPort, options.HealthCheckRequests, cancellationToken);
                var healthCpuPerCall = healthCpu.CollectorPerCall(collector, redis, options.HealthCheckRequests);
                Log($"  health Check: {health:N0} /s; collector {healthCpuPerCall:F0} CPU µs/call");
                var xadd = await Ceilings.XaddRateAsync(redis.Port, options.XaddRequests, cancellationToken);
                Log($"  XADD: {xadd:N0} /s");
                var (append, appendRedisCpu) = await BufferCeiling.MeasureAsync(redisConnection, redis, options.XaddRequests, cancellationToken);
                await buffer.DrainAsync();
                Log($"  buffer append script alone: {append:N0} /s; redis {appendRedisCpu:F1} CPU µs/report");

                var unaryWarmUp = await UnaryLoad.RunAsync(connections, UnaryLoad.IngestOneReportAsync, options.UnaryConcurrency, options.WarmUpDuration, options.MaxReportsPerPhase, cancellationToken);
                var cpu = CpuSnapshot.Take(collector, redis);
                var unary = await UnaryLoad.RunAsync(connections, UnaryLoad.IngestOneReportAsync, options.UnaryConcurrency, options.PhaseDuration, options.MaxReportsPerPhase, cancellationToken);
                var unaryCpu = cpu.PerReport(collector, redis, unary.Accepted);
                Log($"  unary: {unary.AcceptedPerSecond:N0} accepted/s, p50 {unary.P50Ms:F2} ms, p99 {unary.P99Ms:F2} ms, other {unary.Other}, failed {unary.Failed}; {unaryCpu}");

                // The same load with health checks instead (the client is warm now): this client's own ceiling, which
                // shows how much of the gap to h2load's ceiling is the load generator's cost rather than the collector's.
                var clientHealth = await UnaryLoad.RunAsync(connections, UnaryLoad.CheckHealthAsync, options.UnaryConcurrency, options.PhaseDuration, options.MaxReportsPerPhase, cancellationToken);
                Log($"  health Check through the same client: {clientHealth.AcceptedPerSecond:N0} /s");

                // The native intake at the same concurrency, beside the unary gRPC rate of this run.
                var workers = options.Connections * options.UnaryConcurrency;
                var nativeWarmUp = await NativeJsonLoad.RunAsync(collector.IntakeAddress, workers, options.WarmUpDuration, options.MaxReportsPerPhase, cancellationToken);
                var native = await NativeJsonLoad.RunAsync(collector.IntakeAddress, workers, options.PhaseDuration, options.MaxReportsPerPhase, cancellationToken);
                Log($"  native JSON intake (Mimir's report, HTTP/1.1): {native.AcceptedPerSecond:N0} accepted/s, p50 {native.P50Ms:F2} ms, p99 {native.P99Ms:F2} ms, other {native.Other}, failed {native.Failed}; unary gRPC {unary.AcceptedPerSecond:N0} accepted/s");

                var streamWarmUp = await StreamLoad.RunAsync(connections, options.Streams, options.StreamWindow, options.WarmUpDuration, options.MaxReportsPerPhase, null, cancellationToken);
                cpu = CpuSnapshot.Take(collector, redis);
                var stream = await StreamLoad.RunAsync(connections, options.Streams, options.StreamWindow, options.PhaseDuration, options.MaxReportsPerPhase, null, cancellationToken);
                var streamCpu = cpu.PerReport(collector, redis, stream.Accepted);
                Log($"  stream: {stream.AcceptedPerSecond:N0} accepted/s, p50 {stream.P50Ms:F2} ms, p99 {stream.P99Ms:F2} ms, other {stream.Other}, failed {stream.Failed}; {streamCpu}");

                PhaseResult[] phases = [unaryWarmUp, unary, nativeWarmUp, native, streamWarmUp, stream];
                var accepted = phases.Sum(p => p.Accepted);
                if (!await VerifyAsync(buffer, accepted, phases))
                {
                    return 1;
                }

                verifiedAccepted += accepted;
                verifiedEntries += accepted;
                await buffer.DrainAsync();
                runs.Add(new RunFigures(health, healthCpuPerCall, clientHealth.AcceptedPerSecond, xadd, append, appendRedisCpu,
                    unary, unaryCpu, stream, streamCpu));
            }

            var (_, peakRss) = collector.ReadMemory();
            Console.WriteLine();
            Console.Write(ResultTable.Format(runs, paced, steadyRss, peakRss, Ceilings.XaddCommand(redis.Port, options.XaddRequests),
                verifiedEntries, verifiedAccepted, SampleReports.SerializedSize, pacedCpuPerReport.ToString()));
            if (options.SummaryLine)
            {
                Console.WriteLine(SummaryLine.Format(runs, steadyRss, peakRss));
            }

            return 0;
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>Whether the streams hold exactly the reports acknowledged as accepted and no call failed.</summary>
    private static async Task<bool> VerifyAsync(BufferCheck buffer, long accepted, IReadOnlyList<PhaseResult> phases)
    {
        var entries = await buffer.CountEntriesAsync();
        var failed = phases.Sum(p => p.Failed);
        Log($"  verified: {entries:N0} entries in Redis, {accepted:N0} reports accepted, {failed} failed");
        if (entries != accepted || failed != 0)
        {
            Console.Error.WriteLine("bench-ingest: the buffer does not hold exactly the accepted reports, or calls failed");
            return false;
        }

        return true;
    }

    private static async Task<long> SampleRssAsync(CollectorProcess collector, CancellationToken cancellationToken)
    {
        var max = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            max = Math.Max(max, collector.ReadMemory().Rss);
            try
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return Math.Max(max, collector.ReadMemory().Rss);
    }

    private static void Log(FormattableString message) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Stopwatch.GetTimestamp() / Stopwatch.Frequency % 100_000,5}] ") + message.ToString(CultureInfo.InvariantCulture));
}
