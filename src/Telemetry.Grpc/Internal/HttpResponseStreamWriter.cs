using Google.Protobuf;

namespace Telemetry.Grpc.Internal;

/// <summary>The response stream of a server-streaming or duplex call; flushes each message unless told not to.</summary>
internal sealed class HttpResponseStreamWriter<T>(HttpServerCallContext call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public WriteFlags WriteFlags
    {
        get => call.WriteFlags;
        set => call.WriteFlags = value;
    }

    public Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (call.CancellationToken.IsCancellationRequested || cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(call.CancellationToken.IsCancellationRequested ? call.CancellationToken : cancellationToken);
        }

        if (call.WriteLock is { } writeLock)
        {
            return LockedWriteAsync(writeLock, message, cancellationToken);
        }

        if (!call.ResponseStarted)
        {
            return StartAndWriteAsync(message, cancellationToken);
        }

        call.WriteMessage(message);
        if ((call.WriteFlags & WriteFlags.BufferHint) != 0)
        {
            return Task.CompletedTask;
        }

        var flush = call.FlushAsync(cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }

    /// <summary>A call with a deadline: writes are serialized with the deadline's completion of the call.</summary>
    private async Task LockedWriteAsync(SemaphoreSlim writeLock, T message, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            call.ThrowIfCompletedByDeadline();
            await StartAndWriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task StartAndWriteAsync(T message, CancellationToken cancellationToken)
    {
        await call.StartResponseAsync().ConfigureAwait(false);
        call.WriteMessage(message);
        if ((call.WriteFlags & WriteFlags.BufferHint) == 0)
        {
            await call.FlushAsync(cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken).ConfigureAwait(false);
        }
    }
}
