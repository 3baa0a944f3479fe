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
internal sealed class FaultRun(CollectorProcess collector, string reportsDirectory, int clients, TimeSpan loadTime)
{
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(90);

    /// <summary>The same run with another load time.</summary>
    public FaultRun WithLoadTime(TimeSpan time) => new(collector, reportsDirectory, clients, time);

    public async Task<FaultResult> RunAsync(string name, Func<Task> strike, Func<Task> repair, bool expectPushBack = false)
    {
        var ledgers = Enumerable.Range(0, clients).Select(_ => new LedgerClient(collector.GrpcAddress)).ToList();
        using var stop = new CancellationTokenSource();
        var load = ledgers.Select(l => Task.Run(() => l.RunAsync(stop.Token))).ToList();
        await Task.Delay(loadTime / 2);

        await strike();
        await Task.Delay(TimeSpan.FromSeconds(2));
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
            stored = SinkReader.StoredCounts(reportsDirectory);
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
            flushed,
            serveTime,
            catchUp);
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
/// rejected, and answered OVERLOADED or RATE_LIMITED (pushed back; required when the fault is an overload).
/// </summary>
internal sealed record FaultResult(
    string Name, int Sent, int Acknowledged, int Stored, int Lost, int Duplicated, int Rejected, int PushedBack,
    bool ExpectPushBack, bool Flushed, TimeSpan ServeTime, TimeSpan CatchUp)
{
    public bool Passed => Lost == 0 && Duplicated == 0 && Rejected == 0 && Flushed && Acknowledged > 0
        && (!ExpectPushBack || PushedBack > 0);
}
