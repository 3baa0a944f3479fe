using Grpc.Core;
using Grpc.Net.Client;
using Telemetry.V1;

namespace Telemetry.Insights.Benchmarks;

/// <summary>
/// Sends the population over gRPC (<c>IngestReports</c>) from several concurrent callers; a report refused for a
/// passing reason (overloaded, unavailable) is sent again after a pause, so every report is stored once.
/// </summary>
internal static class PopulationSender
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);
    private const int MaxAttempts = 50;

    public static async Task<long> SendAsync(string address, IEnumerable<UsageReport> reports, BenchOptions options, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var client = new IngestService.IngestServiceClient(channel);
        long accepted = 0;
        await Parallel.ForEachAsync(reports.Chunk(options.BatchSize), new ParallelOptions { MaxDegreeOfParallelism = options.Senders, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                var pending = batch;
                for (var attempt = 1; pending.Length > 0; attempt++)
                {
                    if (attempt > MaxAttempts)
                    {
                        throw new InvalidOperationException($"{pending.Length} reports were still refused after {MaxAttempts} attempts");
                    }

                    var response = await client.IngestReportsAsync(new IngestReportsRequest { Reports = { pending } }, cancellationToken: token);
                    var byId = pending.ToDictionary(r => r.ReportId, StringComparer.Ordinal);
                    var retry = new List<UsageReport>();
                    foreach (var result in response.Results)
                    {
                        switch (result.Outcome)
                        {
                            case ReportOutcome.Accepted or ReportOutcome.Duplicate:
                                Interlocked.Increment(ref accepted);
                                break;
                            case ReportOutcome.Rejected:
                                throw new RpcException(new Status(StatusCode.InvalidArgument, $"a generated report was rejected: {result.Reason}"));
                            default:
                                retry.Add(byId[result.ReportId]);
                                break;
                        }
                    }

                    pending = [.. retry];
                    if (pending.Length > 0)
                    {
                        await Task.Delay(RetryPause, token);
                    }
                }
            });
        return accepted;
    }
}
