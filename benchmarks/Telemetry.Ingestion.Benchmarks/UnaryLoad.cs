using System.Diagnostics;
using Grpc.Health.V1;
using Telemetry.Contracts.Methods;
using Telemetry.Grpc;
using Telemetry.V1;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// Many concurrent unary calls over a few HTTP/2 connections (one channel each): every worker sends its next call
/// as soon as the previous one is answered, until the time or call bound. The call is IngestReports with one report
/// (<see cref="IngestOneReportAsync"/>) or, to measure this client's own ceiling, a health Check
/// (<see cref="CheckHealthAsync"/>).
/// </summary>
internal static class UnaryLoad
{
    /// <summary>One IngestReports call with one fresh report; whether it was accepted.</summary>
    public static async Task<bool> IngestOneReportAsync(GrpcChannel channel, CallOptions options)
    {
        var request = new IngestReportsRequest { RequestId = Guid.NewGuid().ToString(), Reports = { SampleReports.Next() } };
        var response = await channel.UnaryAsync(IngestServiceMethods.IngestReports, request, options);
        return response.Results.Count == 1 && response.Results[0].Outcome == ReportOutcome.Accepted;
    }

    /// <summary>One health Check of the whole server; whether it answered SERVING.</summary>
    public static async Task<bool> CheckHealthAsync(GrpcChannel channel, CallOptions options)
    {
        var response = await channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest(), options);
        return response.Status == HealthCheckResponse.Types.ServingStatus.Serving;
    }

    public static async Task<PhaseResult> RunAsync(
        IReadOnlyList<GrpcChannel> channels,
        Func<GrpcChannel, CallOptions, Task<bool>> call,
        int concurrencyPerChannel,
        TimeSpan duration,
        int maxReports,
        CancellationToken cancellationToken)
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
                var options = new CallOptions { Deadline = DateTime.UtcNow.AddSeconds(10), CancellationToken = cancellationToken };
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    var succeeded = await call(channel, options);
                    latencies.Add(Stopwatch.GetTimestamp() - sent);
                    Interlocked.Increment(ref succeeded ? ref accepted : ref other);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }
    }
}
