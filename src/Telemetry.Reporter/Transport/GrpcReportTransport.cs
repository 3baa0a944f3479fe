using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Telemetry.Contracts.Clients;
using Telemetry.Reporter.Diagnostics;
using Telemetry.Reporter.Scheduling;
using Telemetry.V1;

namespace Telemetry.Reporter.Transport;

/// <summary>
/// Sends reports to a collector over gRPC: one long-lived <c>StreamReports</c> stream, opened on the first send,
/// on which each report is acknowledged by its <c>report_id</c>. After the stream fails it is opened again no
/// sooner than an exponential, jittered backoff; a collector (or proxy) that cannot serve the stream is sent reports
/// with unary <c>IngestReports</c> instead. The channel is a <see cref="CollectorChannel"/>.
/// </summary>
/// <remarks>
/// Opens no connection until <see cref="SendAsync"/> is first called. An <c>https://</c> endpoint uses TLS. Not
/// thread-safe: the reporter calls it from its single background loop. Memory is bounded: at most one report is
/// awaiting an acknowledgement.
/// </remarks>
public sealed class GrpcReportTransport : IReportTransport
{
    /// <summary>The metadata key the ingest key is sent as.</summary>
    public const string IngestKeyHeader = "x-ingest-key";

    private const string PushbackTrailer = "grpc-retry-pushback-ms";

    private readonly TelemetryReporterOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _random;
    private GrpcChannel? _channel;
    private IngestService.IngestServiceClient? _client;
    private ReportStream? _stream;
    private bool _unary;
    private int _streamFailures;
    private DateTimeOffset _reconnectNotBefore;

    /// <summary>Creates a transport to <see cref="TelemetryReporterOptions.Endpoint"/>; it connects on the first send.</summary>
    /// <param name="options">The reporter's options; <see cref="TelemetryReporterOptions.Endpoint"/> is required.</param>
    /// <param name="logger">Receives the transport's events.</param>
    /// <param name="timeProvider">The clock for reconnect backoff; defaults to the system clock.</param>
    public GrpcReportTransport(TelemetryReporterOptions options, ILogger logger, TimeProvider? timeProvider = null)
        : this(options, logger, timeProvider, static () => Random.Shared.NextDouble())
    {
    }

    internal GrpcReportTransport(TelemetryReporterOptions options, ILogger logger, TimeProvider? timeProvider, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Endpoint is null)
        {
            throw new ArgumentException($"{nameof(TelemetryReporterOptions.Endpoint)} is required.", nameof(options));
        }

        _options = options;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _random = random;
    }

    /// <summary>Whether reports go by unary <c>IngestReports</c> because the stream could not be opened.</summary>
    public bool UsesUnaryFallback => _unary;

    /// <inheritdoc />
    public async Task<ReportSendResult> SendAsync(UsageReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (_client is null)
        {
            _channel = CollectorChannel.ForAddress(_options.Endpoint!);
            _client = new IngestService.IngestServiceClient(_channel);
        }

        if (_unary)
        {
            return await SendUnaryAsync(report, cancellationToken).ConfigureAwait(false);
        }

        if (_stream is null)
        {
            var wait = _reconnectNotBefore - _timeProvider.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                return new ReportSendResult(ReportSendOutcome.TransientFailure, "reconnecting to the collector", wait);
            }

            _stream = new ReportStream(_client.StreamReports(CallOptions(cancellation: default)));
        }

        var stream = _stream;
        try
        {
            var result = await stream.SendAsync(report, cancellationToken).ConfigureAwait(false);
            _streamFailures = 0;
            return ReportSendResult.FromReportResult(result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // No acknowledgement in time: the stream may be stuck, so the next attempt opens a new one.
            CloseStream(stream);
            throw;
        }
        catch (Exception exception)
        {
            CloseStream(stream);
            var rpc = exception as RpcException;
            if (rpc?.StatusCode == StatusCode.Unimplemented)
            {
                _unary = true;
                ReporterLog.StreamUnsupported(_logger, _options.Endpoint!, rpc.Status.Detail);
                return await SendUnaryAsync(report, cancellationToken).ConfigureAwait(false);
            }

            _streamFailures++;
            var backoff = ReportSchedule.Backoff(_streamFailures, _options.RetryMinBackoff, _options.RetryMaxBackoff, _random());
            _reconnectNotBefore = _timeProvider.GetUtcNow() + backoff;
            ReporterLog.StreamFailed(_logger, _options.Endpoint!, backoff, exception);
            return FromException(exception);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_stream is { } stream)
        {
            CloseStream(stream);
        }

        _channel?.Dispose();
        _channel = null;
        _client = null;
        return ValueTask.CompletedTask;
    }

    private async Task<ReportSendResult> SendUnaryAsync(UsageReport report, CancellationToken cancellationToken)
    {
        var request = new IngestReportsRequest { RequestId = Guid.NewGuid().ToString() };
        request.Reports.Add(report);
        try
        {
            var response = await _client!.IngestReportsAsync(
                request,
                CallOptions(cancellationToken, _timeProvider.GetUtcNow().UtcDateTime + _options.SendTimeout)).ConfigureAwait(false);
            var result = response.Results.FirstOrDefault(r => r.ReportId == report.ReportId) ?? response.Results.FirstOrDefault();
            return result is null
                ? new ReportSendResult(ReportSendOutcome.TransientFailure, "the collector returned no result")
                : ReportSendResult.FromReportResult(result);
        }
        catch (RpcException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return FromException(exception);
        }
    }

    private static ReportSendResult FromException(Exception exception)
    {
        if (exception is not RpcException rpc)
        {
            return new ReportSendResult(ReportSendOutcome.TransientFailure, exception.GetType().Name);
        }

        var pushback = rpc.Trailers.GetValue(PushbackTrailer) is { } value
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds > 0
            ? TimeSpan.FromMilliseconds(milliseconds)
            : (TimeSpan?)null;
        return rpc.StatusCode switch
        {
            StatusCode.ResourceExhausted => new ReportSendResult(ReportSendOutcome.RateLimited, rpc.Status.Detail, pushback),
            _ => new ReportSendResult(ReportSendOutcome.TransientFailure, $"{rpc.StatusCode}: {rpc.Status.Detail}", pushback),
        };
    }

    private CallOptions CallOptions(CancellationToken cancellation, DateTime? deadline = null)
    {
        Metadata? headers = null;
        if (!string.IsNullOrEmpty(_options.IngestKey))
        {
            headers = new Metadata { { IngestKeyHeader, _options.IngestKey } };
        }

        return new CallOptions(headers, deadline, cancellation);
    }

    private void CloseStream(ReportStream stream)
    {
        if (ReferenceEquals(_stream, stream))
        {
            _stream = null;
        }

        stream.Dispose();
    }

    /// <summary>One open <c>StreamReports</c> call, with a loop reading its acknowledgements.</summary>
    private sealed class ReportStream : IDisposable
    {
        private static readonly TimeSpan ReadingGrace = TimeSpan.FromSeconds(1);

        private readonly AsyncDuplexStreamingCall<StreamReportsRequest, StreamReportsResponse> _call;
        private readonly CancellationTokenSource _closing = new();
        private readonly Lock _lock = new();
        private readonly Task _reading;
        private TaskCompletionSource<ReportResult>? _awaiting;
        private string? _awaitingId;
        private Exception? _failure;

        public ReportStream(AsyncDuplexStreamingCall<StreamReportsRequest, StreamReportsResponse> call)
        {
            _call = call;
            _reading = Task.Run(ReadAsync);
        }

        public async Task<ReportResult> SendAsync(UsageReport report, CancellationToken cancellationToken)
        {
            var acknowledged = new TaskCompletionSource<ReportResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                if (_failure is not null)
                {
                    throw _failure;
                }

                _awaiting = acknowledged;
                _awaitingId = report.ReportId;
            }

            try
            {
                try
                {
                    await _call.RequestStream.WriteAsync(new StreamReportsRequest { Report = report }, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // The reading loop knows why the call ended (its status): let it finish, within a bound.
                    try
                    {
                        await _reading.WaitAsync(ReadingGrace, cancellationToken).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                    }

                    lock (_lock)
                    {
                        if (_failure is not null)
                        {
                            throw _failure;
                        }
                    }

                    throw;
                }

                return await acknowledged.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (_lock)
                {
                    _awaiting = null;
                    _awaitingId = null;
                }
            }
        }

        public void Dispose()
        {
            _closing.Cancel();
            _call.Dispose();
            _closing.Dispose();
        }

        private async Task ReadAsync()
        {
            Exception failure;
            try
            {
                while (await _call.ResponseStream.MoveNext(_closing.Token).ConfigureAwait(false))
                {
                    var result = _call.ResponseStream.Current.Result;
                    if (result is null)
                    {
                        continue;
                    }

                    lock (_lock)
                    {
                        if (_awaitingId == result.ReportId)
                        {
                            _awaiting?.TrySetResult(result);
                        }
                    }
                }

                failure = new RpcException(new Status(StatusCode.Unavailable, "the collector ended the stream"));
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            lock (_lock)
            {
                _failure = failure;
                _awaiting?.TrySetException(failure);
            }
        }
    }
}
