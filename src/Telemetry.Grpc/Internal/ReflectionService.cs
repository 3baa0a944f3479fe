using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Telemetry.Grpc.Internal;

/// <summary>
/// Server reflection, v1 and v1alpha. The two protocols' messages are field-for-field identical, so v1alpha requests
/// are answered by the v1 code through a re-parse (reflection traffic is small).
/// </summary>
internal sealed class ReflectionService(IServiceProvider services) : IGrpcService
{
    // Built on first use from the server's resolved registrations (the server creates this service, so not before).
    private readonly Lazy<ReflectionIndex> _index = new(() =>
        new ReflectionIndex(services.GetRequiredService<GrpcServer>().Registrations.Select(r => r.Descriptor!)));

    public void Bind(ServiceBinder binder)
    {
        if (binder.Descriptor.FullName == ReflectionMethods.V1AlphaServiceName)
        {
            binder.AddDuplexStreaming(ReflectionMethods.ServerReflectionInfoV1Alpha, ServerReflectionInfoV1AlphaAsync);
        }
        else
        {
            binder.AddDuplexStreaming(ReflectionMethods.ServerReflectionInfo, ServerReflectionInfoAsync);
        }
    }

    private async Task ServerReflectionInfoAsync(
        IAsyncStreamReader<V1.ServerReflectionRequest> requestStream,
        IServerStreamWriter<V1.ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        // A reflection client waits for each answer on a long-lived stream: every write is flushed.
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(_index.Value.Answer(requestStream.Current), context.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ServerReflectionInfoV1AlphaAsync(
        IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requestStream,
        IServerStreamWriter<V1Alpha.ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requestStream.Current.ToByteString());
            var response = _index.Value.Answer(request);
            await responseStream
                .WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(response.ToByteString()), context.CancellationToken)
                .ConfigureAwait(false);
        }
    }
}
