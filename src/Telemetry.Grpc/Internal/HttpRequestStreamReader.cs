using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Telemetry.Grpc.Internal;

/// <summary>The request stream of a client-streaming or duplex call, read straight from Kestrel's pipe.</summary>
internal sealed class HttpRequestStreamReader<T>(HttpServerCallContext call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;
    private bool _completed;

    public T Current => _current ?? throw new InvalidOperationException("No message was read; call MoveNext first.");

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            return false;
        }

        CancellationTokenSource? linked = null;
        var token = call.CancellationToken;
        if (cancellationToken.CanBeCanceled && cancellationToken != token)
        {
            linked = CancellationTokenSource.CreateLinkedTokenSource(token, cancellationToken);
            token = linked.Token;
        }

        try
        {
            _current = (await call.ReadMessageAsync(parser, token).ConfigureAwait(false)).Message;
        }
        finally
        {
            linked?.Dispose();
        }

        _completed = _current is null;
        return !_completed;
    }
}
