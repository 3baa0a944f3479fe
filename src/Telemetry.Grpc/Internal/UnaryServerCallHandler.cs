using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Telemetry.Grpc.Internal;

internal sealed class UnaryServerCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    UnaryServerMethod<TRequest, TResponse> handler,
    ServerRuntime runtime) : ServerCallHandler(method, runtime)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask InvokeAsync(HttpServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(method.RequestParser).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false);
        await call.WriteSingleResponseAsync(response).ConfigureAwait(false);
    }
}
