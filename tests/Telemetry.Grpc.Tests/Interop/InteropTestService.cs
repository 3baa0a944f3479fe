using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Testing;

namespace Telemetry.Grpc.Tests.Interop;

/// <summary>
/// <c>grpc.testing.TestService</c> as the interop test descriptions specify it; UnimplementedCall is deliberately
/// not implemented.
/// </summary>
public sealed class InteropTestService : IGrpcService
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public static ServiceDescriptor Descriptor { get; } = TestReflection.Descriptor.Services.Single(s => s.Name == "TestService");

    public void Bind(ServiceBinder binder)
    {
        binder.AddUnary(TestServiceMethods.EmptyCall, (_, _) => Task.FromResult(new Empty()));
        binder.AddUnary(TestServiceMethods.UnaryCall, UnaryCallAsync);
        binder.AddUnary(TestServiceMethods.CacheableUnaryCall, UnaryCallAsync);
        binder.AddServerStreaming(TestServiceMethods.StreamingOutputCall, StreamingOutputCallAsync);
        binder.AddClientStreaming(TestServiceMethods.StreamingInputCall, StreamingInputCallAsync);
        binder.AddDuplexStreaming(TestServiceMethods.FullDuplexCall, FullDuplexCallAsync);
        binder.AddDuplexStreaming(TestServiceMethods.HalfDuplexCall, HalfDuplexCallAsync);
        binder.LeaveUnimplemented(TestServiceMethods.UnimplementedCall.Name);
    }

    private static async Task<SimpleResponse> UnaryCallAsync(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        EnsureCompression(request.ExpectCompressed, context);
        ThrowIfStatusRequested(request.ResponseStatus);
        if (request.ResponseCompressed?.Value == true)
        {
            context.ResponseCompression = "gzip";
        }

        return new SimpleResponse { Payload = CreatePayload(request.ResponseSize) };
    }

    private static async Task StreamingOutputCallAsync(
        StreamingOutputCallRequest request,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        if (request.ResponseParameters.Any(p => p.Compressed?.Value == true))
        {
            context.ResponseCompression = "gzip";
        }

        foreach (var parameters in request.ResponseParameters)
        {
            await WriteResponseAsync(parameters, responseStream, context);
        }

        ThrowIfStatusRequested(request.ResponseStatus);
    }

    private static async Task<StreamingInputCallResponse> StreamingInputCallAsync(
        IAsyncStreamReader<StreamingInputCallRequest> requestStream,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var total = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            EnsureCompression(request.ExpectCompressed, context);
            total += request.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    private static async Task FullDuplexCallAsync(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            ThrowIfStatusRequested(request.ResponseStatus);
            foreach (var parameters in request.ResponseParameters)
            {
                await WriteResponseAsync(parameters, responseStream, context);
            }
        }
    }

    private static async Task HalfDuplexCallAsync(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        var requests = new List<StreamingOutputCallRequest>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            requests.Add(request);
        }

        foreach (var parameters in requests.SelectMany(r => r.ResponseParameters))
        {
            await WriteResponseAsync(parameters, responseStream, context);
        }
    }

    private static async Task WriteResponseAsync(
        ResponseParameters parameters,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        if (parameters.IntervalUs > 0)
        {
            await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
        }

        responseStream.WriteFlags = parameters.Compressed?.Value == true ? WriteFlags.None : WriteFlags.NoCompress;
        await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = CreatePayload(parameters.Size) }, context.CancellationToken);
    }

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue(EchoInitialKey) is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { EchoInitialKey, initial } });
        }

        if (context.RequestHeaders.GetValueBytes(EchoTrailingKey) is { } trailing)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing);
        }
    }

    private static void EnsureCompression(BoolValue? expectCompressed, ServerCallContext context)
    {
        if (expectCompressed?.Value == true && context.RequestCompression is null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Expected a compressed request."));
        }
    }

    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    private static Payload CreatePayload(int size) =>
        new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };
}
