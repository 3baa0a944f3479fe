using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Telemetry.V1;

namespace Telemetry.Upload.Tests.TestObjects;

/// <summary>
/// A minimal <c>IngestService</c> on grpc-dotnet standing in for the upstream collector: it records
/// what it receives, answers DUPLICATE for report_ids it has seen, REJECTED for one report_id, and RATE_LIMITED the
/// first time it sees another.
/// </summary>
public sealed class RecordingIngestService : IngestService.IngestServiceBase
{
    private readonly ConcurrentDictionary<string, UsageReport> _stored = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _limited = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, UsageReport> Stored => _stored;

    public ConcurrentQueue<string> RequestIds { get; } = new();

    public int Calls => RequestIds.Count;

    public string? RejectReportId { get; set; }

    public string? RateLimitOnceReportId { get; set; }

    public override Task<IngestReportsResponse> IngestReports(IngestReportsRequest request, ServerCallContext context)
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
