using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Telemetry.Grpc;
using Telemetry.V1;

namespace Telemetry.Upload.Tests.TestObjects;

/// <summary>
/// A minimal <c>IngestService</c> on the project's gRPC server standing in for the upstream collector: it records
/// what it receives, answers DUPLICATE for report_ids it has seen, REJECTED for one report_id, and RATE_LIMITED the
/// first time it sees another.
/// </summary>
public sealed class RecordingIngestService : IGrpcService
{
    private readonly ConcurrentDictionary<string, UsageReport> _stored = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _limited = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, UsageReport> Stored => _stored;

    public ConcurrentQueue<string> RequestIds { get; } = new();

    public int Calls => RequestIds.Count;

    public string? RejectReportId { get; set; }

    public string? RateLimitOnceReportId { get; set; }

    public void Bind(ServiceBinder binder)
    {
        binder.AddUnary(
            new Method<IngestReportsRequest, IngestReportsResponse>(MethodType.Unary, "telemetry.v1.IngestService", "IngestReports", IngestReportsRequest.Parser, IngestReportsResponse.Parser),
            IngestReportsAsync);
        binder.LeaveUnimplemented("StreamReports");
    }

    private Task<IngestReportsResponse> IngestReportsAsync(IngestReportsRequest request, ServerCallContext context)
    {
        RequestIds.Enqueue(request.RequestId);
        var response = new IngestReportsResponse();
        foreach (var report in request.Reports)
        {
            var result = new ReportResult { ReportId = report.ReportId };
            if (report.ReportId == RejectReportId)
            {
                result.Outcome = ReportOutcome.Rejected;
                result.FieldPath = "report.mimir";
                result.Reason = "unknown payload version";
            }
            else if (report.ReportId == RateLimitOnceReportId && _limited.TryAdd(report.ReportId, true))
            {
                result.Outcome = ReportOutcome.RateLimited;
                result.RetryDelay = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(200));
            }
            else
            {
                result.Outcome = _stored.TryAdd(report.ReportId, report) ? ReportOutcome.Accepted : ReportOutcome.Duplicate;
            }

            response.Results.Add(result);
        }

        return Task.FromResult(response);
    }
}
