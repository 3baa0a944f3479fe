using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Telemetry.Contracts.Clients;
using Telemetry.V1;

namespace Telemetry.Upload.Sinks;

/// <summary>
/// Relays batches to another Telemetry service over gRPC (<c>telemetry.v1.IngestService/IngestReports</c> on a
/// <see cref="CollectorChannel"/>), for a collector at the edge that forwards to a central one.
/// </summary>
/// <remarks>
/// <para>Per-report results: ACCEPTED and DUPLICATE are stored (the upstream deduplicates on report_id, so a batch
/// relayed twice is stored once); RATE_LIMITED and OVERLOADED are sent again after the largest retry delay given
/// (not counted as failed deliveries); REJECTED goes to the dead letters at once with the upstream's field and reason.
/// UNAVAILABLE and the other transient statuses (or no connection at all) make the batch retryable without limit.</para>
/// <para>A relay holds nothing itself: deletion and export return nothing here, and data-rights requests for relayed
/// reports must also be made to the upstream service.</para>
/// </remarks>
public sealed class UpstreamReportSink : IReportSink, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly IngestService.IngestServiceClient _client;
    private readonly TimeSpan _timeout;
    private readonly Metadata? _headers;

    public UpstreamReportSink(IOptions<UploadOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var upstream = options.Value.Upstream;
        _channel = CollectorChannel.ForAddress(new Uri(upstream.Address ?? throw new InvalidOperationException("Upload:Upstream:Address is required for the upstream sink.")));
        _client = new IngestService.IngestServiceClient(_channel);
        _timeout = upstream.Timeout;

        // Everything in this collector's buffer went through its anonymizer; the key tells a trusting upstream so.
        _headers = string.IsNullOrEmpty(upstream.RelayKey) ? null : new Metadata { { "x-relay-key", upstream.RelayKey } };
    }

    public string Name => "upstream";

    public async Task WriteAsync(IReadOnlyList<BufferedReport> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        var request = new IngestReportsRequest { RequestId = RequestId(batch) };
        request.Reports.Add(batch.Select(r => r.Report));
        IngestReportsResponse response;
        try
        {
            response = await _client.IngestReportsAsync(request, _headers, deadline: DateTime.UtcNow + _timeout, cancellationToken: cancellationToken);
        }
        catch (RpcException exception) when (IsTransient(exception.StatusCode) && !cancellationToken.IsCancellationRequested)
        {
            throw new SinkUnavailableException($"The upstream service answered {exception.StatusCode}: {exception.Status.Detail}", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException && !cancellationToken.IsCancellationRequested)
        {
            throw new SinkUnavailableException("The upstream service cannot be reached: " + exception.Message, exception);
        }

        var results = new Dictionary<string, ReportResult>(StringComparer.Ordinal);
        foreach (var result in response.Results)
        {
            results[result.ReportId] = result;
        }

        var rejections = new List<ReportRejection>();
        var throttled = new List<ReportRejection>();
        var retryAfter = TimeSpan.Zero;
        foreach (var report in batch)
        {
            if (!results.TryGetValue(report.ReportId, out var result))
            {
                rejections.Add(new ReportRejection(report.ReportId, "the upstream service returned no result for the report", Permanent: false));
                continue;
            }

            switch (result.Outcome)
            {
                case ReportOutcome.Accepted:
                case ReportOutcome.Duplicate:
                    break;
                case ReportOutcome.RateLimited:
                case ReportOutcome.Overloaded:
                    var delay = result.RetryDelay?.ToTimeSpan() ?? TimeSpan.FromSeconds(1);
                    retryAfter = delay > retryAfter ? delay : retryAfter;
                    throttled.Add(new ReportRejection(report.ReportId, $"upstream {result.Outcome}", Permanent: false));
                    break;
                case ReportOutcome.Rejected:
                    var reason = result.FieldPath.Length > 0 ? $"{result.FieldPath}: {result.Reason}" : result.Reason;
                    rejections.Add(new ReportRejection(report.ReportId, "rejected upstream: " + reason, Permanent: true));
                    break;
                default:
                    rejections.Add(new ReportRejection(report.ReportId, $"the upstream service answered {result.Outcome}", Permanent: false));
                    break;
            }
        }

        if (throttled.Count == batch.Count)
        {
            throw new SinkThrottledException(retryAfter, $"The upstream service throttled the batch; retry after {retryAfter}.");
        }

        if (throttled.Count > 0)
        {
            // Throttled reports are retried after the delay (so are reports without a result); permanent rejections are
            // dead-lettered in the same answer.
            throw new ReportsRejectedException([.. throttled, .. rejections], retryAfter);
        }

        if (rejections.Count > 0)
        {
            throw new ReportsRejectedException(rejections);
        }
    }

    public Task<long> DeleteInstanceAsync(string instanceKey, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public async IAsyncEnumerable<StoredReport> ExportInstanceAsync(string instanceKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public void Dispose() => _channel.Dispose();

    // The same batch relayed again (after a crash before the XACK) carries the same request_id.
    private static string RequestId(IReadOnlyList<BufferedReport> batch)
    {
        var ids = string.Join('\n', batch.Select(r => r.ReportId));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ids));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded
        or StatusCode.Aborted or StatusCode.Cancelled or StatusCode.ResourceExhausted or StatusCode.Internal or StatusCode.Unknown;
}
