using System.Net;

namespace Telemetry.Grpc.Tests.Infrastructure;

/// <summary>A request body that sends some bytes and then stays open until released, like a slow client.</summary>
public sealed class OpenRequestContent(byte[] firstBytes) : HttpContent
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(firstBytes);
        await stream.FlushAsync();
        await _release.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
