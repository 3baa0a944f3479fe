using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Telemetry.Buffer;
using Telemetry.Contracts.Privacy;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.Diagnostics;
using Telemetry.Ingestion.Validation;
using Telemetry.V1;

namespace Telemetry.Ingestion.Pipeline;

/// <summary>
/// Takes reports from the transport to the buffer: validate → authorize → anonymize → (deduplicate, rate-limit,
/// append: one buffer call for the whole batch). Thread-safe; register once
/// (<see cref="IngestionServiceCollectionExtensions.AddIngestionPipeline"/>) and call <see cref="IngestBatchAsync"/>
/// for a batch (a unary call's reports, or the reports of a stream that arrived together) or <see cref="IngestAsync"/>
/// for a single report (the native intake).
/// </summary>
public sealed partial class IngestionPipeline
{
    private const string DuplicateReason = "A report with this report_id was accepted before.";

    private readonly ReportValidator _validator;
    private readonly IngestKeyAuthenticator _authenticator;
    private readonly ReportAnonymizer _anonymizer;
    private readonly IReportBuffer _buffer;
    private readonly IngestionMetrics _metrics;
    private readonly ILogger<IngestionPipeline> _logger;

    public IngestionPipeline(
        ReportValidator validator,
        IngestKeyAuthenticator authenticator,
        ReportAnonymizer anonymizer,
        IReportBuffer buffer,
        IngestionMetrics metrics,
        ILogger<IngestionPipeline> logger)
    {
        _validator = validator;
        _authenticator = authenticator;
        _anonymizer = anonymizer;
        _buffer = buffer;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Ingests one report; see <see cref="IngestBatchAsync"/>.</summary>
    public async Task<ReportResult> IngestAsync(UsageReport report, IngestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var results = await IngestBatchAsync([report], context, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>
    /// Ingests a batch of reports and says what happened to each, in order. The reports must have been parsed
    /// without unknown fields (the collector's gRPC services do so); they are anonymized in place. The reports that
    /// pass validation go to the buffer in one call, which costs Redis one script call per shard.
    /// </summary>
    /// <returns>
    /// Per report <see cref="ReportOutcome.Accepted"/>, <see cref="ReportOutcome.Duplicate"/>, <see cref="ReportOutcome.Rejected"/>
    /// (with field_path and reason), <see cref="ReportOutcome.RateLimited"/> or <see cref="ReportOutcome.Overloaded"/>
    /// (with retry_delay).
    /// </returns>
    /// <exception cref="BufferUnavailableException">
    /// Redis is unavailable for at least one report; nothing of those was acknowledged. The transport answers the call
    /// with UNAVAILABLE (a retry of the batch is safe: the buffer answers the reports it holds as duplicates).
    /// </exception>
    public async Task<ReportResult[]> IngestBatchAsync(IReadOnlyList<UsageReport> reports, IngestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var results = new ReportResult?[reports.Count];
        var appends = new List<AppendRequest>(reports.Count);
        var appendIndexes = new List<int>(reports.Count);
        using var activity = IngestionTracing.StartBatch(reports);
        for (var i = 0; i < reports.Count; i++)
        {
            _metrics.Received();
            if (Prepare(reports[i], context) is { } refused)
            {
                results[i] = refused;
                continue;
            }

            appends.Add(new AppendRequest(reports[i].ToByteArray(), reports[i].ReportId, ReportRouting.Product(reports[i]), InstanceKeys.Of(reports[i])));
            appendIndexes.Add(i);
        }

        var unavailable = default(AppendResult?);
        if (appends.Count > 0)
        {
            var appended = await _buffer.AppendAsync(appends).ConfigureAwait(false);
            for (var k = 0; k < appended.Count; k++)
            {
                var i = appendIndexes[k];
                if (appended[k].Status == AppendStatus.Unavailable)
                {
                    unavailable ??= appended[k];
                    continue;
                }

                results[i] = ResultOf(reports[i], appended[k]);
            }
        }

        for (var i = 0; i < reports.Count; i++)
        {
            if (results[i] is { } result)
            {
                _metrics.Completed(result.Outcome, result.FieldPath, Stopwatch.GetElapsedTime(started));
            }
            else
            {
                _metrics.Unavailable(Stopwatch.GetElapsedTime(started));
            }
        }

        IngestionTracing.Completed(activity, results);

        if (unavailable is { } failed)
        {
            var exception = new BufferUnavailableException("The report buffer (Redis) is unavailable.") { RetryDelay = failed.RetryDelay };
            Log.BufferUnavailable(_logger, exception.Message);
            throw exception;
        }

        // Every report has its result once no append met an unavailable buffer.
        return results!;
    }

    // Validation, authorization and anonymization: the result of a refused report, or null when it goes to the buffer.
    private ReportResult? Prepare(UsageReport report, IngestContext context)
    {
        var validation = _validator.Validate(report);
        if (!validation.IsValid)
        {
            return Result(report, ReportOutcome.Rejected, validation.FieldPath!, validation.Message!);
        }

        var product = ReportRouting.Product(report);
        if (!_authenticator.IsAuthorized(product, context.IngestKey))
        {
            var path = report.PayloadCase == UsageReport.PayloadOneofCase.Generic ? "generic.product" : "payload";
            return Result(report, ReportOutcome.Rejected, path,
                string.IsNullOrEmpty(context.IngestKey)
                    ? $"An ingest key is required for product \"{product}\"."
                    : $"The ingest key is not valid for product \"{product}\".");
        }

        if (context.KeyedHashesApplied)
        {
            // A trusted relay hashed these values; hashing them again would make them differ from the relay's own.
            _anonymizer.ApplyExceptKeyedHashes(report);
        }
        else
        {
            _anonymizer.Apply(report);
        }

        return null;
    }

    private static ReportResult ResultOf(UsageReport report, AppendResult appended) => appended.Status switch
    {
        AppendStatus.Accepted => Result(report, ReportOutcome.Accepted, string.Empty, string.Empty),
        AppendStatus.Duplicate => Result(report, ReportOutcome.Duplicate, string.Empty, DuplicateReason),
        AppendStatus.RateLimited => Result(report, ReportOutcome.RateLimited, string.Empty,
            $"This instance exceeded the rate limit of product \"{ReportRouting.Product(report)}\"; send the report again after retry_delay.",
            appended.RetryDelay),
        _ => Result(report, ReportOutcome.Overloaded, string.Empty,
            "The collector's buffer is full; send the report again after retry_delay.", appended.RetryDelay),
    };

    private static ReportResult Result(UsageReport report, ReportOutcome outcome, string fieldPath, string reason, TimeSpan? retryDelay = null) =>
        new()
        {
            ReportId = report.ReportId,
            Outcome = outcome,
            FieldPath = fieldPath,
            Reason = reason,
            RetryDelay = retryDelay is { } delay ? Duration.FromTimeSpan(delay) : null,
        };

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, EventName = "BufferUnavailable", Level = LogLevel.Warning,
            Message = "A report could not be ingested because Redis is unavailable: {Reason}")]
        public static partial void BufferUnavailable(ILogger logger, string reason);
    }
}
