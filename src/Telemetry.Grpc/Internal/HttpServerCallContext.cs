using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Telemetry.Grpc.Internal;

/// <summary>One server call on Kestrel: request reading, response writing, deadline and status.</summary>
internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    private const int ResetCodeCancel = 8;

    private static readonly TimeSpan MaxTimerTimeout = TimeSpan.FromDays(40);

    private static readonly string[] StatusCodeStrings =
        [.. Enumerable.Range(0, 17).Select(code => code.ToString(CultureInfo.InvariantCulture))];

    private readonly ServerRuntime _runtime;
    private readonly IMethod _method;
    private CancellationTokenSource? _deadlineCts;
    private CancellationTokenRegistration _deadlineRegistration;
    private SemaphoreSlim? _writeLock;
    private volatile bool _completedByDeadline;
    private CancellationToken _cancellationToken;
    private DateTime _deadline = DateTime.MaxValue;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Dictionary<object, object?>? _userState;
    private string? _requestEncoding;
    private string? _responseCompression;
    private bool _responseStarted;

    public HttpServerCallContext(HttpContext httpContext, IMethod method, ServerRuntime runtime)
    {
        HttpContext = httpContext;
        _method = method;
        _runtime = runtime;
        _cancellationToken = httpContext.RequestAborted;
    }

    public HttpContext HttpContext { get; }

    public override string Method => _method.FullName;

    public override DateTime Deadline => _deadline;

    public override CancellationToken CancellationToken => _cancellationToken;

    public override Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    public override Metadata ResponseTrailers => _responseTrailers ??= [];

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override WriteFlags WriteFlags { get; set; }

    public override string? RequestCompression => _requestEncoding;

    public override string? ResponseCompression
    {
        get => _responseCompression;
        set
        {
            if (_responseStarted)
            {
                throw new InvalidOperationException("Response compression cannot change once the response headers were sent.");
            }

            if (value is not null && !string.Equals(value, GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Unsupported response compression '{value}'; only gzip is supported.", nameof(value));
            }

            _responseCompression = value is not null && ClientAccepts(value) ? GrpcProtocol.Gzip : null;
        }
    }

    public override IDictionary<object, object?> UserState => _userState ??= [];

    public bool DeadlineExceeded => _deadlineCts is { IsCancellationRequested: true } && !HttpContext.RequestAborted.IsCancellationRequested;

    public bool ResponseStarted => _responseStarted;

    /// <summary>
    /// Serializes response writes with the deadline's completion of the call; null for calls without a deadline,
    /// which need no lock.
    /// </summary>
    public SemaphoreSlim? WriteLock => _writeLock;

    public bool HasDeadline => _deadlineCts is not null;

    /// <summary>
    /// Reads the call headers: request encoding, deadline, response compression. Returns false after answering the
    /// call itself (unsupported request encoding).
    /// </summary>
    public bool Initialize()
    {
        var request = HttpContext.Request;
        var response = HttpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;

        var encoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && !string.Equals(encoding, GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase))
        {
            if (!string.Equals(encoding, GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase))
            {
                response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
                WriteStatus(
                    new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {GrpcProtocol.SupportedEncodings}"),
                    null,
                    []);
                return false;
            }

            _requestEncoding = GrpcProtocol.Gzip;
        }

        if (_runtime.Options.ResponseCompression is { } compression && ClientAccepts(compression))
        {
            _responseCompression = GrpcProtocol.Gzip;
        }

        var timeoutHeader = request.Headers[GrpcProtocol.TimeoutHeader];
        if (timeoutHeader.Count > 0)
        {
            if (GrpcTimeout.TryParse(timeoutHeader.ToString(), out var timeout))
            {
                if (timeout > MaxTimerTimeout)
                {
                    // Beyond what a timer can wait: effectively no deadline.
                    return true;
                }

                _deadline = DateTime.UtcNow + timeout;
                _deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted);
                _deadlineCts.CancelAfter(timeout);
                _cancellationToken = _deadlineCts.Token;
                _writeLock = new SemaphoreSlim(1, 1);
            }
            else
            {
                ServerLog.InvalidTimeout(_runtime.Logger, _method.FullName);
            }
        }

        return true;
    }

    /// <summary>Lifts Kestrel's whole-body size limit and minimum data rate, which would end long request streams.</summary>
    public void AllowLongRequestStream()
    {
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        if (HttpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rateFeature)
        {
            rateFeature.MinDataRate = null;
        }
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (_writeLock is not null)
        {
            await _writeLock.WaitAsync().ConfigureAwait(false);
        }

        try
        {
            ThrowIfCompletedByDeadline();
            if (_responseStarted)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call, before any message.");
            }

            AppendMetadata(HttpContext.Response.Headers, responseHeaders);
            await StartResponseAsync().ConfigureAwait(false);
            await FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    /// <summary>Writes the one response message of a unary or client-streaming call, without a flush.</summary>
    public async Task WriteSingleResponseAsync(IMessage message)
    {
        if (_writeLock is not null)
        {
            await _writeLock.WaitAsync().ConfigureAwait(false);
        }

        try
        {
            ThrowIfCompletedByDeadline();
            await StartResponseAsync().ConfigureAwait(false);

            // No flush: Kestrel sends headers, message and trailers together when the call ends.
            WriteMessage(message);
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    public void ThrowIfCompletedByDeadline()
    {
        if (_completedByDeadline)
        {
            throw new OperationCanceledException("The call's deadline has passed.", CancellationToken);
        }
    }

    /// <summary>A task that completes when the deadline passes (or the call is aborted).</summary>
    public Task WhenDeadlineAsync()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _deadlineRegistration = _deadlineCts!.Token.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), signal);
        return signal.Task;
    }

    /// <summary>
    /// Ends the call with DEADLINE_EXCEEDED while the handler may still run: its token has fired, and its later
    /// writes fail. Then resets the stream with CANCEL as the protocol asks.
    /// </summary>
    public async Task CompleteForDeadlineAsync()
    {
        await _writeLock!.WaitAsync().ConfigureAwait(false);
        try
        {
            if (HttpContext.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            _completedByDeadline = true;
            ServerLog.DeadlineExceeded(_runtime.Logger, _method.FullName);

            // The handler still runs and may touch its trailers: send none of them rather than race it.
            WriteStatus(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null, []);
            await HttpContext.Response.CompleteAsync().ConfigureAwait(false);
            Reset();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task StartResponseAsync()
    {
        if (_responseStarted)
        {
            return Task.CompletedTask;
        }

        _responseStarted = true;
        if (_responseCompression is not null)
        {
            HttpContext.Response.Headers[GrpcProtocol.EncodingHeader] = _responseCompression;
        }

        return HttpContext.Response.StartAsync();
    }

    public void WriteMessage(IMessage message)
    {
        var compress = _responseCompression is not null && (WriteFlags & WriteFlags.NoCompress) == 0;
        MessageFraming.WriteMessage(
            HttpContext.Response.BodyWriter,
            message,
            _runtime.Options.MaxSendMessageSize,
            compress,
            _runtime.Options.ResponseCompressionLevel);
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var flush = HttpContext.Response.BodyWriter.FlushAsync(cancellationToken);
        if (flush.IsCompletedSuccessfully)
        {
            var result = flush.Result;
            // A reset stream may complete the flush without IsCanceled (dotnet/aspnetcore#40788): check the token too.
            if (result.IsCanceled || cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            return ValueTask.CompletedTask;
        }

        return AwaitFlushAsync(flush, cancellationToken);

        static async ValueTask AwaitFlushAsync(ValueTask<FlushResult> flush, CancellationToken cancellationToken)
        {
            var result = await flush.ConfigureAwait(false);
            if (result.IsCanceled || cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    /// <summary>Reads the next request message (null at the end of the request stream) and whether it came compressed.</summary>
    public ValueTask<(T? Message, bool Compressed)> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T> =>
        MessageFraming.ReadAsync(HttpContext.Request.BodyReader, parser, _requestEncoding, _runtime.Options.MaxReceiveMessageSize, "request", cancellationToken);

    /// <summary>Reads the one request message of a unary or server-streaming call and the end of the request.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = (await ReadMessageAsync(parser, CancellationToken).ConfigureAwait(false)).Message
            ?? throw new RpcException(new Status(StatusCode.Internal, "Incomplete request: no request message was received."));
        if ((await ReadMessageAsync(parser, CancellationToken).ConfigureAwait(false)).Message is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Additional data after the request message of a unary call."));
        }

        return message;
    }

    /// <summary>Ends the call: status and trailers, or nothing when the client has gone.</summary>
    public async Task FinishAsync(Exception? error)
    {
        try
        {
            if (_completedByDeadline)
            {
                return;
            }

            if (DeadlineExceeded)
            {
                ServerLog.DeadlineExceeded(_runtime.Logger, _method.FullName);
                WriteStatus(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), _responseTrailers, []);

                // Flush the status, then reset the stream with CANCEL as the protocol asks; Abort() would send INTERNAL_ERROR.
                await HttpContext.Response.CompleteAsync().ConfigureAwait(false);
                Reset();
                return;
            }

            if (HttpContext.RequestAborted.IsCancellationRequested)
            {
                ServerLog.CallCancelled(_runtime.Logger, _method.FullName);
                return;
            }

            switch (error)
            {
                case null:
                    WriteStatus(Status, _responseTrailers, []);
                    break;
                case RpcException rpc:
                    var trailers = _responseTrailers;
                    if (rpc.Trailers.Count > 0)
                    {
                        trailers ??= [];
                        foreach (var entry in rpc.Trailers)
                        {
                            trailers.Add(entry);
                        }
                    }

                    ServerLog.CallFailed(_runtime.Logger, _method.FullName, rpc.StatusCode);
                    WriteStatus(rpc.Status, trailers, rpc.Details);
                    break;
                case OperationCanceledException when _cancellationToken.IsCancellationRequested:
                    WriteStatus(Status.DefaultCancelled, _responseTrailers, []);
                    break;
                default:
                    // The details go to the log only; the client learns nothing about the server's internals.
                    ServerLog.HandlerException(_runtime.Logger, _method.FullName, error);
                    WriteStatus(new Status(StatusCode.Unknown, "Exception was thrown by handler."), null, []);
                    break;
            }
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Frees the deadline's resources; called when the call has finished.</summary>
    public void Dispose()
    {
        _deadlineRegistration.Dispose();
        _deadlineCts?.Dispose();
        _writeLock?.Dispose();
    }

    private void Reset()
    {
        try
        {
            HttpContext.Features.Get<IHttpResetFeature>()?.Reset(ResetCodeCancel);
        }
        catch (InvalidOperationException)
        {
            // The stream is already closed in both directions: nothing left to reset.
        }
    }

    private void WriteStatus(Status status, Metadata? trailers, IReadOnlyList<Any> details)
    {
        var response = HttpContext.Response;
        var code = (int)status.StatusCode;
        var codeString = (uint)code < StatusCodeStrings.Length ? StatusCodeStrings[code] : code.ToString(CultureInfo.InvariantCulture);
        if (!_responseStarted && !response.HasStarted)
        {
            // Trailers-Only: one HEADERS frame with END_STREAM.
            var headers = response.Headers;
            headers[GrpcProtocol.StatusHeader] = codeString;
            if (status.Detail.Length > 0)
            {
                headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
            }

            if (trailers is not null)
            {
                AppendMetadata(headers, trailers);
            }

            if (details.Count > 0)
            {
                headers[RichStatus.HeaderName] = BinaryHeader.Encode(RichStatus.Serialize(status, details));
            }

            return;
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, codeString);
        if (status.Detail.Length > 0)
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, PercentEncoding.Encode(status.Detail));
        }

        if (trailers is not null)
        {
            foreach (var entry in trailers)
            {
                if (!GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    response.AppendTrailer(entry.Key, entry.IsBinary ? BinaryHeader.Encode(entry.ValueBytes) : entry.Value);
                }
            }
        }

        if (details.Count > 0)
        {
            response.AppendTrailer(RichStatus.HeaderName, BinaryHeader.Encode(RichStatus.Serialize(status, details)));
        }
    }

    private static void AppendMetadata(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            if (!GrpcProtocol.IsReservedHeader(entry.Key))
            {
                headers.Append(entry.Key, entry.IsBinary ? BinaryHeader.Encode(entry.ValueBytes) : entry.Value);
            }
        }
    }

    private bool ClientAccepts(string encoding) =>
        GrpcProtocol.AcceptsEncoding(HttpContext.Request.Headers[GrpcProtocol.AcceptEncodingHeader].ToString(), encoding);

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        List<byte[]>? decoded = null;
        foreach (var header in HttpContext.Request.Headers)
        {
            if (GrpcProtocol.IsReservedHeader(header.Key)
                || header.Key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
                || !Metadata.IsValidKey(header.Key))
            {
                continue;
            }

            foreach (var value in header.Value)
            {
                if (value is null)
                {
                    continue;
                }

                if (Metadata.IsBinaryKey(header.Key))
                {
                    decoded ??= [];
                    decoded.Clear();
                    if (BinaryHeader.TryDecode(value, decoded))
                    {
                        foreach (var bytes in decoded)
                        {
                            metadata.Add(header.Key, bytes);
                        }
                    }
                }
                else if (IsPrintableAscii(value))
                {
                    metadata.Add(header.Key, value);
                }
            }
        }

        return metadata;
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
