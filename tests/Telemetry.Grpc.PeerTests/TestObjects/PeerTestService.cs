using Telemetry.Peertest.V1;

namespace Telemetry.Grpc.PeerTests.TestObjects;

/// <summary>
/// Serves <c>PeerTestService</c>: echoes names, fails empty ones, sleeps when asked. Echo also copies the request
/// header <c>x-echo-initial</c> into the response headers and <c>x-echo-trailing-bin</c> into the trailers, and
/// answers the name <see cref="SpecialStatusName"/> with <see cref="SpecialStatusMessage"/> as the status message.
/// It compresses its answer with gzip when the request carries <c>x-compress-response</c> (and the client accepts
/// gzip), and reports both directions' compression in the trailers <c>x-request-compression</c> and
/// <c>x-response-compression</c>.
/// </summary>
internal sealed class PeerTestService : IGrpcService
{
    public const string SpecialStatusName = "special-status";

    /// <summary>The interop suite's special_status_message: whitespace, BMP and non-BMP characters.</summary>
    public const string SpecialStatusMessage = "\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \U0001F608\t\n";

    private const string EchoInitialHeader = "x-echo-initial";
    private const string EchoTrailingHeader = "x-echo-trailing-bin";

    public void Bind(ServiceBinder binder)
    {
        binder.AddUnary(PeerTestMethods.Echo, EchoAsync);
        binder.AddDuplexStreaming(PeerTestMethods.EchoStream, EchoStreamAsync);
    }

    private static async Task<EchoResponse> EchoAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.Name == SpecialStatusName)
        {
            throw new RpcException(new Status(StatusCode.Unknown, SpecialStatusMessage));
        }

        Validate(request);
        if (context.RequestHeaders.GetValue("x-compress-response") is not null)
        {
            context.ResponseCompression = "gzip";
        }

        context.ResponseTrailers.Add("x-request-compression", context.RequestCompression ?? "identity");
        context.ResponseTrailers.Add("x-response-compression", context.ResponseCompression ?? "identity");
        if (context.RequestHeaders.GetValue(EchoInitialHeader) is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { EchoInitialHeader, initial } });
        }

        if (context.RequestHeaders.GetValueBytes(EchoTrailingHeader) is { } trailing)
        {
            context.ResponseTrailers.Add(EchoTrailingHeader, trailing);
        }

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
