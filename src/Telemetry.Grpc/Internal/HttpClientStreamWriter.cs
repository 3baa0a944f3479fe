using System.IO.Pipelines;
using Google.Protobuf;

namespace Telemetry.Grpc.Internal;

/// <summary>
/// The request stream of a client call: serializes each message straight into the request pipe and makes it
/// available to send (unless <see cref="WriteFlags.BufferHint"/>); the pipe applies back-pressure.
/// </summary>
internal sealed class HttpClientStreamWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content)
    : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
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
            var writer = content.Writer;
            var compress = call.CompressesRequests && (WriteFlags & WriteFlags.NoCompress) == 0;
            MessageFraming.WriteMessage(writer, message, call.Channel.Options.MaxSendMessageSize, compress, call.Channel.Options.RequestCompressionLevel);
            if ((WriteFlags & WriteFlags.BufferHint) != 0)
            {
                return;
            }

            var token = cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken;
            FlushResult result;
            try
            {
                result = await writer.FlushAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not RpcException)
            {
                throw call.CreateWriteException(ex);
            }

            if (result.IsCompleted || result.IsCanceled || call.CancellationToken.IsCancellationRequested)
            {
                // The request body has ended: the call finished or failed meanwhile.
                throw call.CreateWriteException(new IOException("The request stream is closed."));
            }
        }
        finally
        {
            _writing = false;
        }
    }

    public async Task CompleteAsync()
    {
        if (!_completed)
        {
            _completed = true;
            await content.Writer.CompleteAsync().ConfigureAwait(false);
        }
    }
}
