using Telemetry.Peertest.V1;

namespace Telemetry.Grpc.PeerTests.TestObjects;

/// <summary>Serves <c>PeerTestService</c>: echoes names, fails empty ones, sleeps when asked.</summary>
internal sealed class PeerTestService : IGrpcService
{
    public void Bind(ServiceBinder binder)
    {
        binder.AddUnary(PeerTestMethods.Echo, EchoAsync);
        binder.AddDuplexStreaming(PeerTestMethods.EchoStream, EchoStreamAsync);
    }

    private static async Task<EchoResponse> EchoAsync(EchoRequest request, ServerCallContext context)
    {
        Validate(request);
        if (request.SleepMs > 0)
        {
            await Task.Delay(request.SleepMs, context.CancellationToken);
        }

        return new EchoResponse { Name = request.Name, Sequence = 1 };
    }

    private static async Task EchoStreamAsync(
        IAsyncStreamReader<EchoRequest> requestStream,
        IServerStreamWriter<EchoResponse> responseStream,
        ServerCallContext context)
    {
        var sequence = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            Validate(request);
            await responseStream.WriteAsync(new EchoResponse { Name = request.Name, Sequence = ++sequence }, context.CancellationToken);
        }
    }

    private static void Validate(EchoRequest request)
    {
        if (request.Name.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "name: must not be empty"));
        }
    }
}
