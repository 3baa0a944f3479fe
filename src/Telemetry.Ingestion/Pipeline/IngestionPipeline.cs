using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Telemetry.Buffer;
using Telemetry.Contracts.Privacy;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.Diagnostics;
using Telemetry.Ingestion.RateLimiting;
using Telemetry.Ingestion.Validation;
using Telemetry.V1;

namespace Telemetry.Ingestion.Pipeline;

/// <summary>
/// Takes one report from the transport to the buffer: validate → authorize → anonymize → deduplicate →
/// rate-limit → append. Thread-safe; register once (<see cref="IngestionServiceCollectionExtensions.AddIngestionPipeline"/>)
/// and call <see cref="IngestAsync"/> for every report of a batch or stream.
/// </summary>
public sealed partial class IngestionPipeline
{
    private readonly ReportValidator _validator;
    private readonly IngestKeyAuthenticator _authenticator;
    private readonly ReportAnonymizer _anonymizer;
    private readonly IReportRateLimiter _rateLimiter;
    private readonly IReportBuffer _buffer;
    private readonly IngestionMetrics _metrics;
    private readonly ILogger<IngestionPipeline> _logger;

    public IngestionPipeline(
        ReportValidator validator,
        IngestKeyAuthenticator authenticator,
        ReportAnonymizer anonymizer,
        IReportRateLimiter rateLimiter,
        IReportBuffer buffer,
        IngestionMetrics metrics,
        ILogger<IngestionPipeline> logger)
    {
        _validator = validator;
        _authenticator = authenticator;
        _anonymizer = anonymizer;
        _rateLimiter = rateLimiter;
        _buffer = buffer;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>
    /// Ingests one report and says what happened to it. The report must have been parsed without
    /// unknown fields (the collector's gRPC services do so); it is anonymized in place.
    /// </summary>
    /// <returns>
    /// <see cref="ReportOutcome.Accepted"/>, <see cref="ReportOutcome.Duplicate"/>, <see cref="ReportOutcome.Rejected"/>
    /// (with field_path and reason), <see cref="ReportOutcome.RateLimited"/> or <see cref="ReportOutcome.Overloaded"/>
    /// (with retry_delay).
    /// </returns>
    /// <exception cref="BufferUnavailableException">
    /// Redis is unavailable; nothing was acknowledged. The transport answers the call with UNAVAILABLE.
    /// </exception>
    public async Task<ReportResult> IngestAsync(UsageReport report, IngestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        using var activity = IngestionTracing.StartReport(report);
        _metrics.Received();
        try
        {
            var result = await IngestCoreAsync(report, context, cancellationToken).ConfigureAwait(false);
            _metrics.Completed(result.Outcome, result.FieldPath, Stopwatch.GetElapsedTime(started));
            IngestionTracing.Completed(activity, result);
            return result;
        }
        catch (BufferUnavailableException exception)
        {
            _metrics.Unavailable(Stopwatch.GetElapsedTime(started));
            IngestionTracing.Unavailable(activity);
            Log.BufferUnavailable(_logger, exception.Message);
            throw;
        }
    }

    private async Task<ReportResult> IngestCoreAsync(UsageReport report, IngestContext context, CancellationToken cancellationToken)
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

        // A retry of an accepted report must hear "duplicate" even when its instance is over the limit, or it would
        // be told to retry later for ever; checking first also spends no token on it. The append script stays the
        // authority for a duplicate racing this check, and without rate limits it answers duplicates alone (before
        // its high-water marks), which saves a Redis call per report.
        if (_rateLimiter.IsEnabled && await _buffer.ContainsAsync(report.ReportId, cancellationToken).ConfigureAwait(false))
        {
            return Result(report, ReportOutcome.Duplicate, string.Empty, "A report with this report_id was accepted before.");
        }

        var instanceKey = InstanceKeys.Of(report);
        var decision = await _rateLimiter.AcquireAsync(product, instanceKey, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            return Result(report, ReportOutcome.RateLimited, string.Empty,
                $"This instance exceeded the rate limit of product \"{product}\"; send the report again after retry_delay.",
                decision.RetryDelay);
        }

        var appended = await _buffer.AppendAsync(report.ToByteArray(), report.ReportId, product).ConfigureAwait(false);
        return appended.Status switch
        {
            AppendStatus.Accepted => Result(report, ReportOutcome.Accepted, string.Empty, string.Empty),
            AppendStatus.Duplicate => Result(report, ReportOutcome.Duplicate, string.Empty, "A report with this report_id was accepted before."),
            AppendStatus.Overloaded => Result(report, ReportOutcome.Overloaded, string.Empty,
                "The collector's buffer is full; send the report again after retry_delay.", appended.RetryDelay),
            _ => throw new BufferUnavailableException("The report buffer (Redis) is unavailable.") { RetryDelay = appended.RetryDelay },
        };
    }

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
