using Grpc.Testing;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>
/// <c>grpc.testing.TestService</c> for the benchmark. The handlers answer with pre-built messages and cached tasks,
/// so they allocate nothing themselves and the figures are the gRPC layer's.
/// </summary>
internal sealed class BenchmarkTestService(ServerStats stats) : IGrpcService
{
    private static readonly Task<Empty> EmptyResponse = Task.FromResult(new Empty());
    private static readonly Task<SimpleResponse> UnaryResponse = Task.FromResult(Payloads.UnaryResponse);
    private static readonly StreamingOutputCallResponse StreamSummary = new();

    public void Bind(ServiceBinder binder)
    {
        binder.AddUnary(TestServiceMethods.EmptyCall, EmptyCallAsync);
        binder.AddUnary(TestServiceMethods.UnaryCall, UnaryCallAsync);
        binder.AddDuplexStreaming(TestServiceMethods.FullDuplexCall, FullDuplexCallAsync);
        foreach (var name in new[] { "CacheableUnaryCall", "StreamingOutputCall", "StreamingInputCall", "HalfDuplexCall", "UnimplementedCall" })
        {
            binder.LeaveUnimplemented(name);
        }
    }

    private Task<Empty> EmptyCallAsync(Empty request, ServerCallContext context)
    {
        stats.CountCall();
        return EmptyResponse;
    }

    private Task<SimpleResponse> UnaryCallAsync(SimpleRequest request, ServerCallContext context)
    {
        if (request.ResponseSize != Payloads.UnaryBodySize || request.Payload.Body.Length != Payloads.UnaryBodySize)
        {
            stats.CountError();
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"response_size: must be {Payloads.UnaryBodySize}"));
        }

        stats.CountCall();
        return UnaryResponse;
    }

    /// <summary>
    /// Reads the request stream to its end and answers once. The process's allocated bytes are sampled after the
    /// first message and after the last one, so call set-up is excluded.
    /// </summary>
    private async Task FullDuplexCallAsync(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        long messages = 0;
        long allocatedAtFirst = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            if (messages++ == 0)
            {
                allocatedAtFirst = GC.GetTotalAllocatedBytes(precise: true);
            }
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedAtFirst;
        stats.StreamMessages = Math.Max(0, messages - 1);
        stats.StreamAllocatedBytes = allocated;
        await responseStream.WriteAsync(StreamSummary, context.CancellationToken);
    }
}
