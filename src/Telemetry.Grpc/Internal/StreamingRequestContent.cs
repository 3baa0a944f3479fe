using System.IO.Pipelines;
using System.Net;

namespace Telemetry.Grpc.Internal;

/// <summary>
/// The request body of a client-streaming or duplex call. Writers serialize into a pipe; this content sends the
/// headers at once, then copies whatever the pipe holds to the HTTP/2 stream with one flush per batch, so messages
/// written in quick succession share DATA frames and flushes. The body ends (END_STREAM, the half-close) when the
/// writer completes the pipe or the call finishes.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly Pipe _pipe = new(new PipeOptions(
        pauseWriterThreshold: 1024 * 1024,
        resumeWriterThreshold: 512 * 1024,
        useSynchronizationContext: false));

    private volatile bool _finished;
    private volatile bool _aborted;

    public StreamingRequestContent()
    {
        Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
    }

    /// <summary>Where request messages are written; used by one writer at a time.</summary>
    public PipeWriter Writer => _pipe.Writer;

    /// <summary>The call has finished: stop sending and end the body. Thread-safe.</summary>
    public void Finish()
    {
        _finished = true;
        _pipe.Reader.CancelPendingRead();
    }

    /// <summary>The call was cancelled: stop sending and fail the body, which resets the stream. Thread-safe.</summary>
    public void Abort()
    {
        _aborted = true;
        _pipe.Reader.CancelPendingRead();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var reader = _pipe.Reader;
        try
        {
            // Flushing an empty body sends the HEADERS frame now rather than with the first message.
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (_aborted)
                {
                    throw new OperationCanceledException("The call was cancelled.");
                }

                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    foreach (var segment in buffer)
                    {
                        await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
                    }

                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || _finished)
                {
                    break;
                }
            }

            await reader.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Writers see a completed pipe and report the call's status.
            await reader.CompleteAsync(ex).ConfigureAwait(false);
            throw;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
