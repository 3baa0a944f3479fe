using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Telemetry.Chaos;

/// <summary>
/// One fault under load: independent clients send for a while, the fault strikes and is repaired, the clients go on,
/// then resend whatever is unacknowledged; the file sink is read back until it holds every acknowledged report.
/// </summary>
internal sealed class FaultRun(CollectorProcess collector, ISinkReader sink, int clients, TimeSpan loadTime)
{
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DefaultOutage = TimeSpan.FromSeconds(2);

    /// <summary>The same run with another load time.</summary>
    public FaultRun WithLoadTime(TimeSpan time) => new(collector, sink, clients, time);

    /// <summary>The same run reading another sink back.</summary>
    public FaultRun WithSink(ISinkReader reader) => new(collector, reader, clients, loadTime);

    /// <summary>
    /// Runs the load with the fault struck in its middle and repaired <paramref name="outage"/> later (2 s unless
    /// given). With <paramref name="expectSinkDown"/> the collector's <c>/readyz</c> must report the sink degraded
    /// during the outage.
    /// </summary>
    public async Task<FaultResult> RunAsync(
        string name, Func<Task> strike, Func<Task> repair, bool expectPushBack = false, TimeSpan? outage = null, bool expectSinkDown = false)
    {
        var ledgers = Enumerable.Range(0, clients).Select(_ => new LedgerClient(collector.GrpcAddress)).ToList();
        using var stop = new CancellationTokenSource();
        var load = ledgers.Select(l => Task.Run(() => l.RunAsync(stop.Token))).ToList();
        await Task.Delay(loadTime / 2);

        await strike();
        string? sinkDown;
        using (var repaired = new CancellationTokenSource())
        {
            var readiness = expectSinkDown ? WatchSinkDownAsync(repaired.Token) : Task.FromResult<string?>(null);
            await Task.Delay(outage ?? DefaultOutage);
            await repaired.CancelAsync();
            sinkDown = await readiness;
        }

        if (expectSinkDown)
        {
            Console.WriteLine($"|   {name}: /readyz during the outage: {sinkDown ?? "never reported the sink down"} |");
        }

        await repair();
        var serveTime = await TimeUntilServingAsync();
        await Task.Delay(loadTime / 2);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var flushed = true;
        foreach (var ledger in ledgers)
        {
            flushed &= await ledger.FlushAsync(TimeSpan.FromSeconds(30));
        }

        var loadEnded = Stopwatch.StartNew();
        var acknowledged = ledgers.SelectMany(l => l.Acknowledged.Keys).ToHashSet();
        Dictionary<string, int> stored;
        do
        {
            await Task.Delay(250);
            stored = await sink.StoredCountsAsync();
        }
        while (!acknowledged.All(stored.ContainsKey) && loadEnded.Elapsed < CatchUpLimit);

        var catchUp = loadEnded.Elapsed;
        var sent = ledgers.SelectMany(l => l.Sent).ToHashSet();
        foreach (var ledger in ledgers)
        {
            ledger.Dispose();
        }

        return new FaultResult(
            name,
            sent.Count,
            acknowledged.Count,
            sent.Count(stored.ContainsKey),
            acknowledged.Count(id => !stored.ContainsKey(id)),
            sent.Count(id => stored.GetValueOrDefault(id) > 1),
            ledgers.Sum(l => l.Rejected),
            ledgers.Sum(l => l.PushedBack),
            expectPushBack,
            !expectSinkDown || sinkDown is not null,
            flushed,
            serveTime,
            catchUp);
    }

    /// <summary>Polls <c>/readyz</c> until it reports the sink down; its answer, or null if it never did.</summary>
    private async Task<string?> WatchSinkDownAsync(CancellationToken repaired)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (!repaired.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{collector.OperationsPort}/readyz"), repaired);
                var text = (await response.Content.ReadAsStringAsync(repaired)).Trim();
                if (text.Contains("sink", StringComparison.Ordinal) && text.Contains("unreachable", StringComparison.Ordinal))
                {
                    return $"{(int)response.StatusCode} {text}";
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250, CancellationToken.None);
        }

        return null;
    }

    /// <summary>How long after the repair the collector's gRPC health answers SERVING again.</summary>
    private async Task<TimeSpan> TimeUntilServingAsync()
    {
        var watch = Stopwatch.StartNew();
        using var channel = GrpcChannel.ForAddress(collector.GrpcAddress);
        var health = new Health.HealthClient(channel);
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                var response = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (response.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return watch.Elapsed;
                }
            }
            catch (RpcException)
            {
            }

            await Task.Delay(20);
        }

        return watch.Elapsed;
    }

    public static string Row(FaultResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Name,-22} | {r.Sent,7} | {r.Acknowledged,7} | {r.Stored,7} | {r.Lost,4} | {r.Duplicated,4} | {r.Rejected,4} | {r.PushedBack,6} | {r.ServeTime.TotalSeconds,7:F2} | {r.CatchUp.TotalSeconds,10:F1} | {(r.Passed ? "pass" : "FAIL"),6} |");

    public const string Header =
        "| fault                  |    sent |   acked |  stored | lost | dupl | rej. | pushed | serve s | catch-up s | result |\n" +
        "|------------------------|---------|---------|---------|------|------|------|--------|---------|------------|--------|";
}

/// <summary>
/// The figures of one fault: reports sent, acknowledged, stored, lost (acknowledged, not stored), stored twice,
/// rejected, and answered OVERLOADED or RATE_LIMITED (pushed back; required when the fault is an overload);
/// whether readiness reported a sink outage when one was expected.
/// </summary>
internal sealed record FaultResult(
    string Name, int Sent, int Acknowledged, int Stored, int Lost, int Duplicated, int Rejected, int PushedBack,
    bool ExpectPushBack, bool SinkDownReported, bool Flushed, TimeSpan ServeTime, TimeSpan CatchUp)
{
    public bool Passed => Lost == 0 && Duplicated == 0 && Rejected == 0 && Flushed && Acknowledged > 0 && SinkDownReported
        && (!ExpectPushBack || PushedBack > 0);
}
