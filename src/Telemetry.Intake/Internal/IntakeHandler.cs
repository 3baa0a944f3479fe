using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.Pipeline;
using Telemetry.Intake.Relay;
using Telemetry.V1;

namespace Telemetry.Intake.Internal;

/// <summary>
/// The flow every native route shares: read the body within the size limit, honour the product's relay mode,
/// convert, ingest through the same pipeline as gRPC, answer with the status the vendor's reporter expects, and
/// forward an accepted report when the product is relayed.
/// </summary>
internal sealed class IntakeHandler(
    IngestionPipeline pipeline,
    ReportRelay relay,
    IntakeMetrics metrics,
    IOptions<IntakeOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>The header carrying an ingest key, as on the gRPC endpoint; a proxy in front of the intake can add it.</summary>
    public const string IngestKeyHeader = "x-ingest-key";

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    public delegate NativeReport Converter(byte[] body, string? contentType, DateTimeOffset receivedAt);

    /// <summary>Handles one native report of <paramref name="product"/>; <paramref name="success"/> is the vendor's success status.</summary>
    public async Task<IResult> HandleAsync(HttpContext http, string product, int success, Converter convert)
    {
        var body = await ReadBodyAsync(http.Request, options.Value.MaxRequestBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return Results.Text($"body: the request body exceeds the limit of {options.Value.MaxRequestBodyBytes} bytes (Intake:MaxRequestBodyBytes).",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var mode = relay.ModeOf(product);
        if (mode == RelayMode.Block)
        {
            relay.Blocked(product);
            return Results.StatusCode(success);
        }

        NativeReport native;
        try
        {
            native = convert(body, http.Request.ContentType, timeProvider.GetUtcNow());
        }
        catch (IntakeFormatException exception)
        {
            return Results.Text(exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        metrics.UnknownFields(product, native.UnknownFields);
        var answer = await IngestAsync(http, native.Report, success);
        if (mode == RelayMode.Forward && answer.Outcome == ReportOutcome.Accepted)
        {
            // Only a newly accepted report goes on, so a retried report reaches the vendor once. Not cancelled with the
            // request: Qdrant's panic reporter hangs up after a second, and its report must still reach the vendor.
            await relay.ForwardAsync(product, body, http.Request.ContentType, http.Request.Headers.UserAgent, CancellationToken.None);
        }

        return answer.Result;
    }

    /// <summary>Ingests a <c>UsageReport</c> and turns the pipeline's result into an HTTP answer.</summary>
    public async Task<(ReportOutcome? Outcome, IResult Result)> IngestAsync(HttpContext http, UsageReport report, int success)
    {
        ReportResult result;
        try
        {
            var key = http.Request.Headers[IngestKeyHeader].ToString();
            result = await pipeline.IngestAsync(report, key.Length == 0 ? IngestContext.Anonymous : new IngestContext(key), http.RequestAborted);
        }
        catch (BufferUnavailableException exception)
        {
            SetRetryAfter(http, exception.RetryDelay);
            return (null, Results.Text("The report buffer is unavailable; send the report again later.", statusCode: StatusCodes.Status503ServiceUnavailable));
        }

        var status = result.Outcome switch
        {
            ReportOutcome.Accepted or ReportOutcome.Duplicate => success,
            ReportOutcome.Rejected => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status429TooManyRequests,
        };
        if (result.RetryDelay is { } delay)
        {
            SetRetryAfter(http, delay.ToTimeSpan());
        }

        return (result.Outcome, Results.Text(Formatter.Format(result), "application/json", statusCode: status));
    }

    /// <summary>The whole body, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static void SetRetryAfter(HttpContext http, TimeSpan delay) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
