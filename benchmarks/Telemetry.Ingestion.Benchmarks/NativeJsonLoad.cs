using System.Diagnostics;
using System.Net;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// The native intake under the unary phase's concurrency: Mimir's own JSON report, as Mimir's reporter marshals it,
/// POSTed over HTTP/1.1 to <c>/mimir-usage-report</c>, each worker sending its next report once the previous one is
/// answered. Every body is new (its interval differs), so each one is converted, validated and buffered.
/// </summary>
internal static class NativeJsonLoad
{
    private static long _sequence;

    /// <summary>One Mimir report body, with the sample report's payload and an interval no other body has.</summary>
    public static byte[] NextBody()
    {
        var mimir = SampleReports.Next().Mimir;
        mimir.Interval = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddSeconds(Interlocked.Increment(ref _sequence)));
        return Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(mimir));
    }

    public static async Task<PhaseResult> RunAsync(string intakeAddress, int workers, TimeSpan duration, int maxReports, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers })
        {
            BaseAddress = new Uri(intakeAddress),
            Timeout = TimeSpan.FromSeconds(10),
        };
        var path = new Uri("/mimir-usage-report", UriKind.Relative);
        var issued = 0L;
        var accepted = 0L;
        var other = 0L;
        var failed = 0L;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = Enumerable.Range(0, workers).Select(_ => new LatencySamples()).ToList();
        await Task.WhenAll(samples.Select(latencies => Task.Run(() => WorkAsync(latencies), cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (p50, p99) = LatencySamples.Percentiles(samples);
        return new PhaseResult(Math.Min(issued, maxReports), accepted, other, failed, elapsed, p50, p99);

        async Task WorkAsync(LatencySamples latencies)
        {
            while (Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref issued) <= maxReports && !cancellationToken.IsCancellationRequested)
            {
                using var content = new ByteArrayContent(NextBody());
                content.Headers.ContentType = new("application/json");
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync(path, content, cancellationToken);
                    var body = await response.Content.ReadAsStringAsync(cancellationToken);
                    latencies.Add(Stopwatch.GetTimestamp() - sent);
                    var isAccepted = response.StatusCode == HttpStatusCode.OK && body.Contains("REPORT_OUTCOME_ACCEPTED", StringComparison.Ordinal);
                    Interlocked.Increment(ref isAccepted ? ref accepted : ref other);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }
    }
}
