using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Telemetry.Grpc.Internal;

internal sealed class DuplexStreamingServerCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    DuplexStreamingServerMethod<TRequest, TResponse> handler,
    ServerRuntime runtime) : ServerCallHandler(method, runtime)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask InvokeAsync(HttpServerCallContext call)
    {
        call.AllowLongRequestStream();
        var reader = new HttpRequestStreamReader<TRequest>(call, method.RequestParser);
        await handler(reader, new HttpResponseStreamWriter<TResponse>(call), call).ConfigureAwait(false);
    }
}
