using Grpc.Core;
using Grpc.Net.Client;
using Telemetry.V1;

namespace Telemetry.Insights.Benchmarks;

/// <summary>
/// Sends the population over gRPC (<c>IngestReports</c>) from several concurrent callers; a report refused for a
/// passing reason (overloaded, unavailable), or a whole batch refused so, is sent again after a pause; retries of
/// an accepted report are answered as duplicates, so every report is stored once.
/// </summary>
internal static class PopulationSender
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);
    private const int MaxAttempts = 50;

    /// <summary>Sends every report; returns how many were answered as accepted (at most all of them).</summary>
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

                    IngestReportsResponse response;
                    try
                    {
                        response = await client.IngestReportsAsync(new IngestReportsRequest { Reports = { pending } }, cancellationToken: token);
                    }
                    catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted)
                    {
                        // The whole batch was refused for a passing reason (Redis slow to answer): send it again.
                        await Task.Delay(RetryPause, token);
                        continue;
                    }

                    var byId = pending.ToDictionary(r => r.ReportId, StringComparer.Ordinal);
                    var retry = new List<UsageReport>();
                    foreach (var result in response.Results)
                    {
                        switch (result.Outcome)
                        {
                            case ReportOutcome.Accepted:
                                Interlocked.Increment(ref accepted);
                                break;
                            case ReportOutcome.Duplicate:
                                // Buffered by an attempt whose answer was lost; counted by the uploader, not here.
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
