using Google.Protobuf;

namespace Telemetry.Grpc.Internal;

/// <summary>The request stream of a client call: one write and one flush per message.</summary>
internal sealed class HttpClientStreamWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content)
    : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private PooledBufferWriter? _buffer;
    private Stream? _stream;
    private bool _completed;
    private bool _writing;

    public WriteFlags WriteFlags { get; set; } = call.Options.WriteFlags;

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
        {
            throw new InvalidOperationException("The request stream has already been completed.");
        }

        if (_writing)
        {
            throw new InvalidOperationException("A write is already in progress; await each write before the next.");
        }

        call.ThrowIfFinished();
        _writing = true;
        try
        {
            using var linked = cancellationToken.CanBeCanceled && cancellationToken != call.Options.CancellationToken
                ? CancellationTokenSource.CreateLinkedTokenSource(call.CancellationToken, cancellationToken)
                : null;
            var token = linked?.Token ?? call.CancellationToken;
            try
            {
                var stream = _stream ??= await content.GetStreamAsync(token).ConfigureAwait(false);
                _buffer ??= new PooledBufferWriter(4096);
                _buffer.Reset();
                var compress = call.CompressesRequests && (WriteFlags & WriteFlags.NoCompress) == 0;
                MessageFraming.WriteMessage(
                    _buffer,
                    message,
                    call.Channel.Options.MaxSendMessageSize,
                    compress,
                    call.Channel.Options.RequestCompressionLevel);
                await stream.WriteAsync(_buffer.WrittenMemory, token).ConfigureAwait(false);
                if ((WriteFlags & WriteFlags.BufferHint) == 0)
                {
                    await stream.FlushAsync(token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not RpcException)
            {
                throw call.CreateWriteException(ex);
            }
        }
        finally
        {
            _writing = false;
        }
    }

    public Task CompleteAsync()
    {
        if (!_completed)
        {
            _completed = true;
            content.Complete();
            Release();
        }

        return Task.CompletedTask;
    }

    public void Release()
    {
        if (!_writing)
        {
            _buffer?.Dispose();
            _buffer = null;
        }
    }
}
