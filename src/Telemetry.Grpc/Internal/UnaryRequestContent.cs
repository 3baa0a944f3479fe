using System.Net;

namespace Telemetry.Grpc.Internal;

/// <summary>The body of a unary or server-streaming request: prefix and message in one write, so one DATA frame.</summary>
internal sealed class UnaryRequestContent : HttpContent
{
    private readonly ReadOnlyMemory<byte> _payload;

    public UnaryRequestContent(ReadOnlyMemory<byte> payload)
    {
        _payload = payload;
        Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_payload).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_payload, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
