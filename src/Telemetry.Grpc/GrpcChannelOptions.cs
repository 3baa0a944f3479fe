using System.IO.Compression;

namespace Telemetry.Grpc;

/// <summary>Options of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted, in bytes; null for no limit. Defaults to 4 MiB.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest request message sent, in bytes; null for no limit. Defaults to null.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Level of request compression. Defaults to <see cref="CompressionLevel.Fastest"/>.</summary>
    public CompressionLevel RequestCompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>
    /// The HTTP handler. Defaults to a <see cref="SocketsHttpHandler"/> that opens more HTTP/2 connections when a
    /// connection's stream limit is reached, with no proxy and no redirects.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/>. Defaults to true.</summary>
    public bool DisposeHttpHandler { get; set; } = true;
}
