using System.IO.Compression;

namespace Telemetry.Grpc;

/// <summary>Options of the gRPC server.</summary>
public sealed class GrpcServerOptions
{
    public const string SectionName = "GrpcServer";

    /// <summary>
    /// Largest request message accepted, in bytes, checked before the message is buffered and again after
    /// decompression; larger ones end the call with RESOURCE_EXHAUSTED. Defaults to 4 MiB.
    /// </summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent, in bytes; null for no limit. Defaults to null.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Compression of response messages (<c>gzip</c>), used only when the client lists it in
    /// <c>grpc-accept-encoding</c>; null for none. Defaults to null.
    /// </summary>
    public string? ResponseCompression { get; set; }

    /// <summary>Level of response compression. Defaults to <see cref="CompressionLevel.Fastest"/>.</summary>
    public CompressionLevel ResponseCompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>Interceptors run around every call, in order, before those registered in the service container.</summary>
    public IList<IServerInterceptor> Interceptors { get; } = [];
}
