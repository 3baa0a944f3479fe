using System.Globalization;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.Pipeline;
using Telemetry.Ingestion.Privacy;
using Telemetry.V1;

namespace Telemetry.Server.Grpc;

/// <summary>
/// <c>telemetry.v1.IngestService</c>: a thin translation between the wire and the ingestion pipeline. Reports are
/// acknowledged only once the pipeline has buffered them in Redis. Requests are parsed without unknown fields
/// (<see cref="UnknownFieldDiscardingBinder"/>).
/// </summary>
[BindServiceMethod(typeof(IngestGrpcService), nameof(BindService))]
internal sealed class IngestGrpcService(
    IngestionPipeline pipeline,
    IOptions<IngestEndpointOptions> options,
    IHostApplicationLifetime lifetime,
    RelayKeyVerifier relayKeys) : IngestService.IngestServiceBase
{
    /// <summary>The metadata entry carrying an ingest key.</summary>
    public const string IngestKeyHeader = "x-ingest-key";

    /// <summary>The metadata entry with which a relay says its reports are anonymized (<c>Privacy:RelayKeys</c>).</summary>
    public const string RelayKeyHeader = "x-relay-key";

    /// <summary>Trailer telling gRPC clients how long to wait before retrying (gRFC A6).</summary>
    public const string RetryPushbackHeader = "grpc-retry-pushback-ms";

    private static readonly WriteOptions BufferHint = new(WriteFlags.BufferHint);

    private readonly IngestEndpointOptions _options = options.Value;

    /// <summary>
    /// The service's descriptor, where grpc-dotnet's JSON transcoding looks for it on the type that
    /// <see cref="BindServiceMethodAttribute"/> names (without it, it logs a warning at every start).
    /// </summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => IngestService.Descriptor;

    /// <summary>Binds the generated methods with parsers that drop unknown fields; grpc-dotnet calls it.</summary>
    public static void BindService(ServiceBinderBase binder, IngestService.IngestServiceBase? service) =>
        IngestService.BindService(new UnknownFieldDiscardingBinder(binder), service);

    public override async Task<IngestReportsResponse> IngestReports(IngestReportsRequest request, ServerCallContext context)
    {
        if (request.Reports.Count == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "reports: at least one report is required"));
        }

        if (request.Reports.Count > _options.MaxReportsPerBatch)
        {
            throw new RpcException(new Status(
                StatusCode.InvalidArgument,
                $"reports: {request.Reports.Count} reports exceed the limit of {_options.MaxReportsPerBatch} per batch"));
        }

        var ingestContext = ContextOf(context);
        ReportResult[] results;
        try
        {
            results = await pipeline.IngestBatchAsync(request.Reports, ingestContext, context.CancellationToken);
        }
        catch (BufferUnavailableException)
        {
            // Some reports of the batch may be buffered already; a retry of the whole batch is safe because the
            // buffer answers the reports it holds as duplicates.
            throw new RpcException(new Status(StatusCode.Unavailable, "the report buffer is unavailable; retry the batch later"));
        }

        var response = new IngestReportsResponse { Results = { results } };
        var longestDelay = results.Max(r => r.RetryDelay?.ToTimeSpan() ?? TimeSpan.Zero);
        if (longestDelay > TimeSpan.Zero)
        {
            AddRetryPushback(context, longestDelay);
            if (results.All(r => r.Outcome is ReportOutcome.RateLimited or ReportOutcome.Overloaded))
            {
                // The pushback trailer added above goes out with this status too.
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"every report was refused for now: {results[0].Reason}"));
            }
        }

        return response;
    }

    public override async Task StreamReports(
        IAsyncStreamReader<StreamReportsRequest> requestStream,
        IServerStreamWriter<StreamReportsResponse> responseStream,
        ServerCallContext context)
    {
        var ingestContext = ContextOf(context);
        var acknowledgements = Channel.CreateUnbounded<StreamReportsResponse>(new UnboundedChannelOptions { SingleReader = true });
        using var inFlight = new SemaphoreSlim(_options.MaxInFlightPerStream);
        // Reading stops when the call ends, when the buffer becomes unavailable or when the collector shuts down;
        // reports already read are still ingested and acknowledged.
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var writer = WriteAcknowledgementsAsync(acknowledgements.Reader, responseStream);
        var ingestions = new List<Task>();
        var batch = new List<UsageReport>();
        RpcException? unavailable = null;
        RpcException? malformed = null;
        try
        {
            while (true)
            {
                // A slot per report is the backpressure: while the stream's reports are in flight, the request body
                // is not read and HTTP/2 flow control stops the sender. The reports read but not yet sent hold
                // slots too, so they go before the wait.
                if (!inFlight.Wait(0))
                {
                    Dispatch();
                    await inFlight.WaitAsync(stopReading.Token);
                }

                var next = requestStream.MoveNext(stopReading.Token);
                if (!next.IsCompleted)
                {
                    // Every message that had arrived is read: those reports go to the pipeline as one batch (one
                    // span, one buffer call) while the next message is awaited.
                    Dispatch();
                }

                if (!await next)
                {
                    inFlight.Release();
                    break;
                }

                var report = requestStream.Current.Report;
                if (report is null)
                {
                    inFlight.Release();
                    malformed = new RpcException(new Status(StatusCode.InvalidArgument, "report: a report is required in every message"));
                    break;
                }

                batch.Add(report);
                if (batch.Count >= _options.MaxReportsPerBatch)
                {
                    Dispatch();
                }
            }
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
        }
        catch (RpcException exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            // A message that could not be read (not protobuf, too large): the reports read before it are still
            // acknowledged below, so the client resends only what follows, and the call ends at once with the
            // status instead of leaving the acknowledgement writer behind.
            malformed = exception;
        }
        finally
        {
            // However the reading ended, the reports read go to the pipeline, the reports in flight finish and their
            // acknowledgements go out before the call ends, so no writer outlives the call.
            Dispatch();
            await Task.WhenAll(ingestions);
            acknowledgements.Writer.Complete();
            await writer;
        }

        if (malformed is not null)
        {
            throw malformed;
        }

        if (unavailable is not null)
        {
            throw unavailable;
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the collector is shutting down; reconnect and resend unacknowledged reports"));
        }

        void Dispatch()
        {
            if (batch.Count == 0)
            {
                return;
            }

            ingestions.Add(IngestAsync(batch));
            batch = [];
            // At most MaxInFlightPerStream reports are in flight; dropping the finished batches only now and then
            // keeps the list short without scanning it for every batch.
            if (ingestions.Count >= 2 * _options.MaxInFlightPerStream)
            {
                ingestions.RemoveAll(t => t.IsCompletedSuccessfully);
            }
        }

        async Task IngestAsync(List<UsageReport> reports)
        {
            try
            {
                var results = await pipeline.IngestBatchAsync(reports, ingestContext, context.CancellationToken);
                foreach (var result in results)
                {
                    acknowledgements.Writer.TryWrite(new StreamReportsResponse { Result = result });
                }
            }
            catch (BufferUnavailableException)
            {
                // No acknowledgement for these reports: the stream ends with UNAVAILABLE and the client resends
                // whatever was not acknowledged (the reports the buffer holds already are answered DUPLICATE).
                unavailable ??= new RpcException(new Status(StatusCode.Unavailable, "the report buffer is unavailable; resend unacknowledged reports later"));
                await stopReading.CancelAsync();
            }
            finally
            {
                inFlight.Release(reports.Count);
            }
        }
    }

    private static async Task WriteAcknowledgementsAsync(
        ChannelReader<StreamReportsResponse> acknowledgements,
        IServerStreamWriter<StreamReportsResponse> responseStream)
    {
        while (await acknowledgements.WaitToReadAsync())
        {
            while (acknowledgements.TryRead(out var acknowledgement))
            {
                // Acknowledgements that are already waiting go out with one flush: under load a batch of reports
                // completes at once, and a flush per acknowledgement would cost a DATA frame and a write each.
                responseStream.WriteOptions = acknowledgements.TryPeek(out _) ? BufferHint : null;
                await responseStream.WriteAsync(acknowledgement);
            }
        }
    }

    private IngestContext ContextOf(ServerCallContext context)
    {
        var key = context.RequestHeaders.GetValue(IngestKeyHeader);
        var relayed = relayKeys.IsTrusted(context.RequestHeaders.GetValue(RelayKeyHeader));
        return key is null && !relayed ? IngestContext.Anonymous : new IngestContext(key) { KeyedHashesApplied = relayed };
    }

    private static void AddRetryPushback(ServerCallContext context, TimeSpan delay) =>
        context.ResponseTrailers.Add(
            RetryPushbackHeader,
            ((long)Math.Ceiling(delay.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture));
}
