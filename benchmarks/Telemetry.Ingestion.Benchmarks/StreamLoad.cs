using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Telemetry.V1;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// Several StreamReports calls spread over the connections. Each stream sends reports while it has fewer than its
/// window unacknowledged (and, when paced, no faster than its share of the rate), and matches every acknowledgement to
/// its report by report_id: the latency is from handing the report to the stream to reading its acknowledgement.
/// </summary>
internal static class StreamLoad
{
    public static async Task<PhaseResult> RunAsync(
        IReadOnlyList<CollectorConnection> connections,
        int streams,
        int window,
        TimeSpan duration,
        int maxReports,
        int? ratePerSecond,
        CancellationToken cancellationToken)
    {
        var issued = 0L;
        var sentTotal = 0L;
        var accepted = 0L;
        var other = 0L;
        var failed = 0L;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        double? perStreamRate = ratePerSecond is { } rate ? (double)rate / streams : null;
        var samples = new List<LatencySamples>();
        var calls = new List<Task>();
        for (var i = 0; i < streams; i++)
        {
            var latencies = new LatencySamples();
            samples.Add(latencies);
            var connection = connections[i % connections.Count];
            calls.Add(Task.Run(() => StreamAsync(connection, latencies), cancellationToken));
        }

        await Task.WhenAll(calls);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (p50, p99) = LatencySamples.Percentiles(samples);
        return new PhaseResult(sentTotal, accepted, other, failed, elapsed, p50, p99);

        async Task StreamAsync(CollectorConnection connection, LatencySamples latencies)
        {
            using var slots = new SemaphoreSlim(window, window);
            var pending = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            // The stream's own deadline bounds it even if acknowledgements stop coming.
            using var call = connection.Ingest.StreamReports(
                deadline: DateTime.UtcNow.Add(duration).AddSeconds(30), cancellationToken: cancellationToken);
            var reader = ReadAsync(call, pending, slots, latencies);
            var sent = 0L;
            var streamStarted = Stopwatch.GetTimestamp();
            try
            {
                while (Stopwatch.GetTimestamp() < deadline && !reader.IsCompleted)
                {
                    if (perStreamRate is { } streamRate)
                    {
                        var due = streamStarted + (long)(sent / streamRate * Stopwatch.Frequency);
                        var wait = due - Stopwatch.GetTimestamp();
                        if (wait > 0)
                        {
                            await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
                        }
                    }

                    if (!await slots.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken))
                    {
                        break;
                    }

                    if (Interlocked.Increment(ref issued) > maxReports)
                    {
                        break;
                    }

                    var report = SampleReports.Next();
                    pending[report.ReportId] = Stopwatch.GetTimestamp();
                    await call.RequestStream.WriteAsync(new StreamReportsRequest { Report = report }, cancellationToken);
                    sent++;
                }

                await call.RequestStream.CompleteAsync();
            }
            catch (RpcException)
            {
                // The reader sees the call's status.
            }

            await reader;
            Interlocked.Add(ref sentTotal, sent);
            Interlocked.Add(ref failed, pending.Count);
        }

        async Task ReadAsync(
            AsyncDuplexStreamingCall<StreamReportsRequest, StreamReportsResponse> call,
            ConcurrentDictionary<string, long> pending,
            SemaphoreSlim slots,
            LatencySamples latencies)
        {
            try
            {
                while (await call.ResponseStream.MoveNext(cancellationToken))
                {
                    var result = call.ResponseStream.Current.Result;
                    if (!pending.TryRemove(result.ReportId, out var sentAt))
                    {
                        throw new InvalidOperationException($"acknowledgement for a report this stream did not send: {result.ReportId}");
                    }

                    latencies.Add(Stopwatch.GetTimestamp() - sentAt);
                    if (result.Outcome == ReportOutcome.Accepted)
                    {
                        Interlocked.Increment(ref accepted);
                    }
                    else
                    {
                        Interlocked.Increment(ref other);
                    }

                    slots.Release();
                }
            }
            catch (RpcException exception)
            {
                Console.Error.WriteLine($"stream ended with {exception.Status.StatusCode}: {exception.Status.Detail}");
            }
        }
    }
}
