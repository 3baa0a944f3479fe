using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Telemetry.Grpc.Internal;

/// <summary>
/// One client call over <see cref="HttpMessageInvoker"/>: request headers, deadline, cancellation, response reading
/// and the mapping of HTTP, HTTP/2 and socket failures to a gRPC status.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : IClientCall, IAsyncStreamReader<TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private const string UserAgent = "grpc-csharp-telemetry/1.0";

    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true);

    private readonly Method<TRequest, TResponse> _method;
    private readonly CancellationTokenSource _cts;
    private readonly Lock _lock = new();
    private CancellationTokenRegistration _cancelRegistration;
    private Task<HttpResponseMessage?> _responseTask = null!;
    private Task<Metadata>? _headersTask;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;
    private StreamingRequestContent? _content;
    private HttpClientStreamWriter<TRequest, TResponse>? _writer;
    private string? _responseEncoding;
    private Metadata? _responseHeaders;
    private Status? _status;
    private Metadata? _trailers;
    private TResponse? _current;
    private Timer? _deadlineTimer;
    private volatile bool _deadlineExceeded;
    private int _disposed;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        Channel = channel;
        _method = method;
        Options = options;
        _cts = options.CancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken)
            : new CancellationTokenSource();
        if (options.RequestCompression is { } compression)
        {
            if (!string.Equals(compression, GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Unsupported request compression '{compression}'; only gzip is supported.", nameof(options));
            }

            CompressesRequests = true;
        }
    }

    public GrpcChannel Channel { get; }

    public CallOptions Options { get; }

    public bool CompressesRequests { get; }

    public CancellationToken CancellationToken => _cts.Token;

    public TResponse Current => _current ?? throw new InvalidOperationException("No message was read; call MoveNext first.");

    public bool LastResponseCompressed { get; private set; }

    public Task<Metadata> ResponseHeadersAsync => _headersTask ??= GetResponseHeadersAsync();

    public void StartUnary(TRequest request)
    {
        var compress = CompressesRequests && (Options.WriteFlags & WriteFlags.NoCompress) == 0;
        if (!compress)
        {
            // The common case: one exactly sized array holding prefix and message, sent in one write.
            var size = request.CalculateSize();
            if (size > Channel.Options.MaxSendMessageSize)
            {
                SetStatus(new Status(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {Channel.Options.MaxSendMessageSize})"), []);
                _responseTask = Task.FromResult<HttpResponseMessage?>(null);
                return;
            }

            var framed = new byte[GrpcProtocol.HeaderSize + size];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)size);
            request.WriteTo(framed.AsSpan(GrpcProtocol.HeaderSize));
            Start(new UnaryRequestContent(framed));
            return;
        }

        var buffer = new PooledBufferWriter(request.CalculateSize() + GrpcProtocol.HeaderSize);
        try
        {
            MessageFraming.WriteMessage(
                buffer,
                request,
                Channel.Options.MaxSendMessageSize,
                compress: true,
                Channel.Options.RequestCompressionLevel);
        }
        catch (RpcException ex)
        {
            // A message over the send limit fails locally, without sending anything.
            buffer.Dispose();
            SetStatus(ex.Status, []);
            _responseTask = Task.FromResult<HttpResponseMessage?>(null);
            return;
        }

        var payload = buffer.WrittenSpan.ToArray();
        buffer.Dispose();
        Start(new UnaryRequestContent(payload));
    }

    public IClientStreamWriter<TRequest> StartStreamingRequest()
    {
        _content = new StreamingRequestContent();
        _writer = new HttpClientStreamWriter<TRequest, TResponse>(this, _content);
        Start(_content);
        return _writer;
    }

    public Status GetStatus() =>
        _status ?? throw new InvalidOperationException("The call has not finished: its status is not available yet.");

    public Metadata GetTrailers() =>
        _trailers ?? throw new InvalidOperationException("The call has not finished: its trailers are not available yet.");

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        var response = await _responseTask.ConfigureAwait(false);
        if (response is null || _status is not null)
        {
            ThrowIfError();
            return false;
        }

        // A token of the call's own (the usual case) needs no linked source: no allocation per message.
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != Options.CancellationToken
            ? CancellationTokenSource.CreateLinkedTokenSource(_cts.Token, cancellationToken)
            : null;
        var token = linked?.Token ?? _cts.Token;
        try
        {
            _reader ??= PipeReader.Create(await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false), ReaderOptions);
            var (message, compressed) = await MessageFraming.ReadAsync(
                _reader, _method.ResponseParser, _responseEncoding, Channel.Options.MaxReceiveMessageSize ?? int.MaxValue, "response", token)
                .ConfigureAwait(false);
            if (message is not null)
            {
                _current = message;
                LastResponseCompressed = compressed;
                return true;
            }

            // The body ended: the status is in the trailers, which HttpClient fills only after the body's EOF.
            FinishFromHeaders(response.TrailingHeaders, "trailers");
        }
        catch (RpcException ex) when (_status is null)
        {
            // A framing error of ours (size, flag, compression): stop the call and report it.
            SetStatus(ex.Status, []);
            Abort();
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            if (cancellationToken.IsCancellationRequested && !_cts.IsCancellationRequested)
            {
                // Only this read was cancelled by its own token: the call is cancelled too (the stream is reset).
                SetStatus(new Status(StatusCode.Cancelled, "Call canceled by the client."), []);
                Abort();
            }
            else
            {
                SetStatus(MapException(ex), []);
            }
        }

        // The call is over and this is the reading thread: give the reader's pooled buffers back.
        _reader?.Complete();
        ThrowIfError();
        return false;
    }

    public async Task<TResponse> ReadUnaryResponseAsync()
    {
        if (!await MoveNext().ConfigureAwait(false))
        {
            SetStatus(new Status(StatusCode.Internal, "Failed to deserialize response message: the call ended OK without one."), null);
            ThrowIfError();
        }

        var message = _current!;
        if (await MoveNext().ConfigureAwait(false))
        {
            SetStatus(new Status(StatusCode.Internal, "The server sent more than one response message for a unary call."), null);
            Abort();
            ThrowIfError();
        }

        return message;
    }

    public void ThrowIfFinished()
    {
        if (_status is { } status)
        {
            if (status.StatusCode != StatusCode.Ok)
            {
                throw RpcException.FromTrailers(status, _trailers ?? []);
            }

            throw new InvalidOperationException("The call has already finished; no more messages can be written.");
        }
    }

    public RpcException CreateWriteException(Exception ex)
    {
        if (_status is null)
        {
            // A write fails when the server has already ended the call (it may answer before reading every
            // request) or when the connection is lost. The call's status is not decided here: the response
            // stream still holds the server's trailers, and reading it reports the real status.
            var mapped = MapException(ex);
            return new RpcException(new Status(mapped.StatusCode, $"The request message could not be sent; read the response for the call's status. {mapped.Detail}"));
        }

        var status = _status.Value;
        return status.StatusCode == StatusCode.Ok
            ? new RpcException(new Status(StatusCode.Internal, "The call finished before the request stream was completed."))
            : RpcException.FromTrailers(status, _trailers ?? []);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_status is null)
        {
            SetStatus(new Status(StatusCode.Cancelled, "Call disposed before it finished."), []);
            Abort();
        }

        _deadlineTimer?.Dispose();
        _cancelRegistration.Dispose();
        _response?.Dispose();
        _cts.Dispose();
    }

    private void Start(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Channel.GetMethodUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, GrpcProtocol.TeTrailers);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        headers.TryAddWithoutValidation("user-agent", UserAgent);
        if (CompressesRequests)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.Gzip);
        }

        if (Options.Deadline is { } deadline)
        {
            var timeout = deadline.ToUniversalTime() - DateTime.UtcNow;
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Encode(timeout));
            if (timeout <= TimeSpan.Zero)
            {
                _deadlineExceeded = true;
                _cts.Cancel();
            }
            else if (timeout < TimeSpan.FromDays(40))
            {
                // A timer of our own, not CancelAfter: the flag must be set before any cancellation callback runs.
                _deadlineTimer = new Timer(
                    static state => ((GrpcCall<TRequest, TResponse>)state!).OnDeadline(),
                    this,
                    timeout,
                    Timeout.InfiniteTimeSpan);
            }
        }

        if (Options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                if (!GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? BinaryHeader.Encode(entry.ValueBytes) : entry.Value);
                }
            }
        }

        _cancelRegistration = _cts.Token.Register(static state => ((GrpcCall<TRequest, TResponse>)state!).OnCancelled(), this);
        Task<HttpResponseMessage> send;
        try
        {
            send = Channel.Invoker.SendAsync(request, _cts.Token);
        }
        catch (Exception ex)
        {
            send = Task.FromException<HttpResponseMessage>(ex);
        }

        _responseTask = ReceiveResponseAsync(send);
    }

    private void OnDeadline()
    {
        if (Volatile.Read(ref _disposed) == 0 && _status is null)
        {
            _deadlineExceeded = true;
            try
            {
                _cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The call was disposed meanwhile.
            }
        }
    }

    private void OnCancelled()
    {
        SetStatus(CancellationStatus(), []);
        Abort();
    }

    /// <summary>Resets the HTTP/2 stream (RST_STREAM CANCEL) and releases a waiting request stream.</summary>
    private void Abort()
    {
        _content?.Abort();
        if (!_cts.IsCancellationRequested)
        {
            try
            {
                _cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already disposed: nothing left to cancel.
            }
        }

        _response?.Dispose();
    }

    private Status CancellationStatus() => _deadlineExceeded
        ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")
        : new Status(StatusCode.Cancelled, "Call canceled by the client.");

    private async Task<HttpResponseMessage?> ReceiveResponseAsync(Task<HttpResponseMessage> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SetStatus(MapException(ex), []);
            return null;
        }

        _response = response;
        _responseHeaders = ToMetadata(response.Headers);
        if (_cts.IsCancellationRequested)
        {
            response.Dispose();
            SetStatus(CancellationStatus(), []);
            return null;
        }

        if (response.Version != HttpVersion.Version20)
        {
            SetStatus(new Status(StatusCode.Internal, $"Bad gRPC response. Response protocol downgraded to HTTP/{response.Version}."), []);
            response.Dispose();
            return null;
        }

        if (response.Headers.Contains(GrpcProtocol.StatusHeader))
        {
            // Trailers-Only: the status and trailers arrived as headers.
            FinishFromHeaders(response.Headers, "headers");
            response.Dispose();
            return null;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            SetStatus(new Status(MapHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"), []);
            response.Dispose();
            return null;
        }

        var contentType = response.Content.Headers.TryGetValues("content-type", out var values) ? values.FirstOrDefault() : null;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            SetStatus(new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {contentType}"), []);
            response.Dispose();
            return null;
        }

        if (response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var encodings)
            && encodings.FirstOrDefault() is { } encoding
            && !string.Equals(encoding, GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase))
        {
            _responseEncoding = encoding;
        }

        return response;
    }

    private async Task<Metadata> GetResponseHeadersAsync()
    {
        await _responseTask.ConfigureAwait(false);
        if (_responseHeaders is not null)
        {
            return _responseHeaders;
        }

        ThrowIfError();
        return [];
    }

    private void FinishFromHeaders(HttpHeaders headers, string where)
    {
        var trailers = ToMetadata(headers);
        if (!headers.TryGetValues(GrpcProtocol.StatusHeader, out var statusValues))
        {
            SetStatus(new Status(StatusCode.Unknown, $"No grpc-status found in the response {where}."), trailers);
            return;
        }

        var statusText = statusValues.FirstOrDefault();
        if (!int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            SetStatus(new Status(StatusCode.Unknown, $"Invalid grpc-status value: {statusText}"), trailers);
            return;
        }

        var message = headers.TryGetValues(GrpcProtocol.MessageHeader, out var messageValues)
            ? PercentEncoding.Decode(string.Join(',', messageValues))
            : string.Empty;
        SetStatus(new Status((StatusCode)code, message), trailers);
    }

    private void SetStatus(Status status, Metadata? trailers)
    {
        lock (_lock)
        {
            if (_status is not null)
            {
                return;
            }

            // A CANCELLED seen after the deadline is the deadline's doing.
            if (status.StatusCode == StatusCode.Cancelled && _deadlineExceeded)
            {
                status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            }

            _trailers = trailers ?? [];
            _status = status;
        }

        // The call is over: end a request stream still open, so the request ends too.
        _content?.Finish();
    }

    private void ThrowIfError()
    {
        var status = _status!.Value;
        if (status.StatusCode != StatusCode.Ok)
        {
            throw RpcException.FromTrailers(status, _trailers ?? []);
        }
    }

    private Status MapException(Exception ex)
    {
        if (_cts.IsCancellationRequested)
        {
            return CancellationStatus();
        }

        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case HttpProtocolException protocol:
                    return new Status(MapResetCode(protocol.ErrorCode), $"HTTP/2 error {protocol.ErrorCode}: {protocol.Message}");
                case SocketException or IOException when ex is HttpRequestException:
                    return new Status(StatusCode.Unavailable, "Error connecting to the server: " + ex.Message);
                case RpcException rpc:
                    return rpc.Status;
                default:
                    break;
            }
        }

        return ex switch
        {
            HttpRequestException => new Status(StatusCode.Unavailable, "Error starting the call: " + ex.Message),
            IOException => new Status(StatusCode.Unavailable, "Error reading the response: " + ex.Message),
            OperationCanceledException => CancellationStatus(),
            _ => new Status(StatusCode.Internal, "Error in the call: " + ex.Message),
        };
    }

    private static StatusCode MapResetCode(long code) => code switch
    {
        0x7 => StatusCode.Unavailable,
        0x8 => StatusCode.Cancelled,
        0xb => StatusCode.ResourceExhausted,
        0xc => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };

    internal static StatusCode MapHttpStatus(HttpStatusCode status) => (int)status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        431 => StatusCode.Internal,
        _ => StatusCode.Unknown,
    };

    private static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        List<byte[]>? decoded = null;
        foreach (var header in headers.NonValidated)
        {
            var key = header.Key;
            if (GrpcProtocol.IsReservedHeader(key) || !Metadata.IsValidKey(key))
            {
                continue;
            }

            foreach (var value in header.Value)
            {
                if (Metadata.IsBinaryKey(key))
                {
                    decoded ??= [];
                    decoded.Clear();
                    if (BinaryHeader.TryDecode(value, decoded))
                    {
                        foreach (var bytes in decoded)
                        {
                            metadata.Add(key, bytes);
                        }
                    }
                }
                else if (value.All(c => c is >= ' ' and <= '~'))
                {
                    metadata.Add(key, value);
                }
            }
        }

        return metadata;
    }
}
