using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Telemetry.V1;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// Many concurrent unary calls over a few HTTP/2 connections (<see cref="CollectorConnection"/>): every worker sends
/// its next call as soon as the previous one is answered, until the time or call bound. The call is IngestReports with
/// one report (<see cref="IngestOneReportAsync"/>) or, to measure this client's own ceiling, a health Check
/// (<see cref="CheckHealthAsync"/>).
/// </summary>
internal static class UnaryLoad
{
    /// <summary>One IngestReports call with one fresh report; whether it was accepted.</summary>
    public static async Task<bool> IngestOneReportAsync(CollectorConnection connection, CallOptions options)
    {
        var request = new IngestReportsRequest { RequestId = Guid.NewGuid().ToString(), Reports = { SampleReports.Next() } };
        var response = await connection.Ingest.IngestReportsAsync(request, options);
        return response.Results.Count == 1 && response.Results[0].Outcome == ReportOutcome.Accepted;
    }

    /// <summary>One health Check of the whole server; whether it answered SERVING.</summary>
    public static async Task<bool> CheckHealthAsync(CollectorConnection connection, CallOptions options)
    {
        var response = await connection.Health.CheckAsync(new HealthCheckRequest(), options);
        return response.Status == HealthCheckResponse.Types.ServingStatus.Serving;
    }

    public static async Task<PhaseResult> RunAsync(
        IReadOnlyList<CollectorConnection> connections,
        Func<CollectorConnection, CallOptions, Task<bool>> call,
        int concurrencyPerConnection,
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
        foreach (var connection in connections)
        {
            for (var i = 0; i < concurrencyPerConnection; i++)
            {
                var latencies = new LatencySamples();
                samples.Add(latencies);
                workers.Add(Task.Run(() => WorkAsync(connection, latencies), cancellationToken));
            }
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (p50, p99) = LatencySamples.Percentiles(samples);
        return new PhaseResult(Math.Min(issued, maxReports), accepted, other, failed, elapsed, p50, p99);

        async Task WorkAsync(CollectorConnection connection, LatencySamples latencies)
        {
            while (Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref issued) <= maxReports && !cancellationToken.IsCancellationRequested)
            {
                var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    var succeeded = await call(connection, options);
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
