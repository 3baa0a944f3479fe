using System.Diagnostics;
using Telemetry.Contracts.Methods;
using Telemetry.Grpc;
using Telemetry.V1;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// Many concurrent IngestReports calls with one report each, over a few HTTP/2 connections (one channel each):
/// every worker sends its next call as soon as the previous one is answered, until the time or report bound.
/// </summary>
internal static class UnaryLoad
{
    public static async Task<PhaseResult> RunAsync(
        IReadOnlyList<GrpcChannel> channels, int concurrencyPerChannel, TimeSpan duration, int maxReports, CancellationToken cancellationToken)
    {
        var issued = 0L;
        var accepted = 0L;
        var other = 0L;
        var failed = 0L;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = new List<LatencySamples>();
        var workers = new List<Task>();
        foreach (var channel in channels)
        {
            for (var i = 0; i < concurrencyPerChannel; i++)
            {
                var latencies = new LatencySamples();
                samples.Add(latencies);
                workers.Add(Task.Run(() => WorkAsync(channel, latencies), cancellationToken));
            }
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (p50, p99) = LatencySamples.Percentiles(samples);
        return new PhaseResult(Math.Min(issued, maxReports), accepted, other, failed, elapsed, p50, p99);

        async Task WorkAsync(GrpcChannel channel, LatencySamples latencies)
        {
            while (Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref issued) <= maxReports && !cancellationToken.IsCancellationRequested)
            {
                var request = new IngestReportsRequest { RequestId = Guid.NewGuid().ToString(), Reports = { SampleReports.Next() } };
                var options = new CallOptions { Deadline = DateTime.UtcNow.AddSeconds(10), CancellationToken = cancellationToken };
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    var response = await channel.UnaryAsync(IngestServiceMethods.IngestReports, request, options);
                    latencies.Add(Stopwatch.GetTimestamp() - sent);
                    if (response.Results.Count == 1 && response.Results[0].Outcome == ReportOutcome.Accepted)
                    {
                        Interlocked.Increment(ref accepted);
                    }
                    else
                    {
                        Interlocked.Increment(ref other);
                    }
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }
    }
}
