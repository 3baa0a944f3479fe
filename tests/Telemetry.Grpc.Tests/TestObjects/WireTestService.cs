using System.Collections.Concurrent;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Telemetry.Grpctest.V1;

namespace Telemetry.Grpc.Tests.TestObjects;

/// <summary>
/// The service of the wire tests. Echo copies <c>x-echo-*</c> request metadata into the trailers; Wait reports that it
/// started and then waits for its cancellation token, which <see cref="Cancelled"/> records per request text.
/// </summary>
public sealed class WireTestService : IGrpcService
{
    public const string SecretDetail = "secret internal detail: connection string=xyz";

    public static ServiceDescriptor Descriptor { get; } = WireTestReflection.Descriptor.Services[0];

    /// <summary>Completes when the Wait call with that text saw its cancellation token fire.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> Cancelled { get; } = new();

    /// <summary>Releases the Stubborn calls, which ignore their cancellation token until then.</summary>
    public TaskCompletionSource StubbornRelease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Bind(ServiceBinder binder)
    {
        binder.AddUnary(WireTestMethods.Echo, EchoAsync);
        binder.AddDuplexStreaming(WireTestMethods.EchoStream, EchoStreamAsync);
        binder.AddServerStreaming(WireTestMethods.Wait, WaitAsync);
        binder.AddUnary(WireTestMethods.Fail, FailAsync);
        binder.AddUnary(WireTestMethods.Stubborn, StubbornAsync);
    }

    public TaskCompletionSource CancelledProbe(string text) =>
        Cancelled.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static Task<EchoResponse> EchoAsync(EchoRequest request, ServerCallContext context)
    {
        foreach (var entry in context.RequestHeaders.Where(e => e.Key.StartsWith("x-echo-", StringComparison.Ordinal)))
        {
            context.ResponseTrailers.Add(entry);
        }

        if (request.Text == "details")
        {
            throw new RpcException(
                new Status(StatusCode.FailedPrecondition, "with details"),
                [],
                [Any.Pack(new StringValue { Value = "detail one" })]);
        }

        return Task.FromResult(new EchoResponse { Text = request.Text, PaddingSize = request.Padding.Length });
    }

    private static async Task EchoStreamAsync(
        IAsyncStreamReader<EchoRequest> requestStream,
        IServerStreamWriter<EchoResponse> responseStream,
        ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            await responseStream.WriteAsync(new EchoResponse { Text = request.Text, PaddingSize = request.Padding.Length }, context.CancellationToken);
        }
    }

    private async Task WaitAsync(EchoRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        var probe = CancelledProbe(request.Text);
        using var registration = context.CancellationToken.Register(() => probe.TrySetResult());
        await responseStream.WriteAsync(new EchoResponse { Text = "started" });
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
    }

    private async Task<EchoResponse> StubbornAsync(EchoRequest request, ServerCallContext context)
    {
        var probe = CancelledProbe(request.Text);
        using var registration = context.CancellationToken.Register(() => probe.TrySetResult());
        await StubbornRelease.Task;
        return new EchoResponse { Text = request.Text };
    }

    private static Task<EchoResponse> FailAsync(EchoRequest request, ServerCallContext context) =>
        throw new InvalidOperationException(SecretDetail);
}
