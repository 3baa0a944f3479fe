using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Telemetry.V1;

namespace Telemetry.Chaos;

/// <summary>
/// One independent client, as a reporting installation would run it: its own channel, batches of ten reports, a
/// ledger of the report_ids the collector acknowledged (accepted or duplicate), and every other report sent again
/// until it is acknowledged. Rejections of its valid reports are counted as failures.
/// </summary>
internal sealed class LedgerClient : IDisposable
{
    private const int BatchSize = 10;
    private static readonly TimeSpan MinRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly GrpcChannel _channel;
    private readonly IngestService.IngestServiceClient _client;
    private readonly List<UsageReport> _pending = [];
    private readonly string _instanceId = Guid.NewGuid().ToString();

    public LedgerClient(Uri address)
    {
        _channel = GrpcChannel.ForAddress(address);
        _client = new IngestService.IngestServiceClient(_channel);
    }

    public HashSet<string> Sent { get; } = [];

    public ConcurrentDictionary<string, byte> Acknowledged { get; } = new();

    public int Rejected { get; private set; }

    /// <summary>Reports answered OVERLOADED or RATE_LIMITED: the collector pushed back with a retry delay.</summary>
    public int PushedBack { get; private set; }

    /// <summary>Sends new reports (and resends the unacknowledged ones) until <paramref name="stop"/> fires.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            while (_pending.Count < BatchSize)
            {
                _pending.Add(NewReport(_instanceId));
            }

            await SendPendingAsync();
        }
    }

    /// <summary>Resends what is not acknowledged yet until everything is, or <paramref name="limit"/> passes.</summary>
    public async Task<bool> FlushAsync(TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        while (_pending.Count > 0 && !deadline.IsCancellationRequested)
        {
            await SendPendingAsync();
        }

        return _pending.Count == 0;
    }

    public void Dispose() => _channel.Dispose();

    private async Task SendPendingAsync()
    {
        var batch = _pending.Take(BatchSize).ToList();
        foreach (var report in batch)
        {
            Sent.Add(report.ReportId);
        }

        try
        {
            var response = await _client.IngestReportsAsync(
                new IngestReportsRequest { Reports = { batch } },
                deadline: DateTime.UtcNow.AddSeconds(5));
            foreach (var result in response.Results)
            {
                switch (result.Outcome)
                {
                    case ReportOutcome.Accepted or ReportOutcome.Duplicate:
                        Acknowledged.TryAdd(result.ReportId, 0);
                        _pending.RemoveAll(r => r.ReportId == result.ReportId);
                        break;
                    case ReportOutcome.Rejected:
                        Rejected++;
                        _pending.RemoveAll(r => r.ReportId == result.ReportId);
                        break;
                }
            }

            var pushedBack = response.Results.Where(r => r.Outcome is ReportOutcome.Overloaded or ReportOutcome.RateLimited).ToList();
            if (pushedBack.Count > 0)
            {
                await WaitPushedBackAsync(pushedBack.Count, pushedBack.Max(r => r.RetryDelay?.ToTimeSpan() ?? TimeSpan.Zero));
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
        {
            // Every report of the batch was pushed back: the delay comes in the grpc-retry-pushback-ms trailer.
            var pushback = e.Trailers.GetValue("grpc-retry-pushback-ms");
            await WaitPushedBackAsync(batch.Count, TimeSpan.FromMilliseconds(pushback is null ? 0 : long.Parse(pushback, CultureInfo.InvariantCulture)));
        }
        catch (RpcException)
        {
            // Unavailable, refused or cut off: nothing of the batch counts as acknowledged; it is sent again.
            await Task.Delay(100);
        }
    }

    /// <summary>Waits the longest retry delay asked for (at most 10 s, so a run stays bounded), as a reporter would.</summary>
    private async Task WaitPushedBackAsync(int reports, TimeSpan delay)
    {
        PushedBack += reports;
        await Task.Delay(delay < MinRetryDelay ? MinRetryDelay : delay > MaxRetryDelay ? MaxRetryDelay : delay);
    }

    /// <summary>A new valid report of one installation.</summary>
    public static UsageReport NewReport(string instanceId) => new()
    {
        ReportId = Guid.NewGuid().ToString(),
        SchemaVersion = 1,
        Instance = new InstanceIdentity { InstanceId = instanceId },
        ReportTime = Timestamp.FromDateTime(DateTime.UtcNow),
        Generic = new GenericReport
        {
            Product = "chaos",
            Metrics =
            {
                ["requests"] = new MetricValue { Counter = new Counter { Total = 5, Rate = 0.1 } },
                ["latency"] = new MetricValue { Histogram = new Histogram { Bounds = { 0.1, 1 }, Counts = { 1, 2, 3 }, Sum = 4, Count = 6 } },
            },
        },
    };
}
