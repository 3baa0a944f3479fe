using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Chaos;

/// <summary>
/// A steady rate of valid reports for a long time, sampling the collector's RSS and GC committed memory, Redis
/// <c>used_memory</c>, the buffer's depth and the p99 acknowledgement latency every interval. After a warm-up (the
/// first fifth of the run) each series must be flat: its least-squares slope per minute within the bound printed.
/// </summary>
internal sealed class SoakRun(CollectorProcess collector, RedisServer redis, TimeSpan duration, int reportsPerSecond, TimeSpan interval)
{
    private const int BatchSize = 10;

    public async Task<bool> RunAsync()
    {
        var latencies = new ConcurrentQueue<double>();
        using var stop = new CancellationTokenSource(duration);
        var load = Task.Run(() => LoadAsync(latencies, stop.Token));
        var samples = new List<Sample>();
        var watch = Stopwatch.StartNew();
        Console.WriteLine("| minute | RSS MiB | GC committed MiB | Redis used MiB | buffer entries | p99 ack ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var window = new List<double>();
            while (latencies.TryDequeue(out var latency))
            {
                window.Add(latency);
            }

            window.Sort();
            var sample = new Sample(
                watch.Elapsed.TotalMinutes,
                collector.ReadRss() / 1048576.0,
                (await collector.ReadGcCommittedAsync() ?? 0) / 1048576.0,
                await RedisUsedMemoryAsync() / 1048576.0,
                await collector.ReadMetricAsync("telemetry_buffer_entries") ?? 0,
                window.Count == 0 ? 0 : window[(int)Math.Min(window.Count - 1, Math.Ceiling(window.Count * 0.99) - 1)]);
            samples.Add(sample);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {sample.Minute:F1} | {sample.Rss:F0} | {sample.GcCommitted:F0} | {sample.RedisUsed:F1} | {sample.BufferEntries:F0} | {sample.P99:F1} |"));
        }

        await load;
        var steady = samples.Skip(samples.Count / 5).ToList();
        var checks = new (string Name, Func<Sample, double> Value, double Bound, string Unit)[]
        {
            ("RSS", s => s.Rss, 1, "MiB/min"),
            ("GC committed", s => s.GcCommitted, 1, "MiB/min"),
            ("Redis used_memory", s => s.RedisUsed, 1, "MiB/min"),
            ("buffer entries", s => s.BufferEntries, 100, "entries/min"),
            ("p99 acknowledgement", s => s.P99, 1, "ms/min"),
        };
        var passed = steady.Count >= 3;
        foreach (var (name, value, bound, unit) in checks)
        {
            var slope = steady.Count >= 3 ? Slope(steady.Select(s => (s.Minute, value(s))).ToList()) : double.NaN;
            var flat = Math.Abs(slope) <= bound;
            passed &= flat;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"soak: {name} slope {slope:F3} {unit} (bound ±{bound}) {(flat ? "flat" : "NOT FLAT")}"));
        }

        return passed && !collector.HasExited;
    }

    private async Task LoadAsync(ConcurrentQueue<double> latencies, CancellationToken stop)
    {
        using var channel = GrpcChannel.ForAddress(collector.GrpcAddress);
        var client = new IngestService.IngestServiceClient(channel);
        var instanceId = Guid.NewGuid().ToString();
        var period = TimeSpan.FromSeconds((double)BatchSize / reportsPerSecond);
        var next = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            var request = new IngestReportsRequest();
            for (var i = 0; i < BatchSize; i++)
            {
                request.Reports.Add(LedgerClient.NewReport(instanceId));
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await client.IngestReportsAsync(request, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: CancellationToken.None);
                latencies.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (RpcException)
            {
                // A soak without faults should not see one; the latency series shows the gap.
            }

            next += (long)(period.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private async Task<double> RedisUsedMemoryAsync()
    {
        var result = await ChildProcess.RunAsync("redis-cli", ["-p", redis.Port.ToString(CultureInfo.InvariantCulture), "info", "memory"], TimeSpan.FromSeconds(10));
        var line = result.StandardOutput.Split('\n').First(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return double.Parse(line["used_memory:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Least-squares slope of y over x.</summary>
    private static double Slope(List<(double X, double Y)> points)
    {
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var numerator = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var denominator = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return denominator == 0 ? 0 : numerator / denominator;
    }

    private sealed record Sample(double Minute, double Rss, double GcCommitted, double RedisUsed, double BufferEntries, double P99);
}
