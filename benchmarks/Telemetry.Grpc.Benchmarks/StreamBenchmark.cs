using System.Diagnostics;
using System.Net;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>
/// One-way streaming: the client sends small messages on a FullDuplexCall and half-closes; the server reads them
/// all and answers once. The rate is messages over the time from the first write to the server's answer.
/// </summary>
internal static class StreamBenchmark
{
    /// <summary>The project's client (<see cref="GrpcChannel"/>) against the gRPC layer.</summary>
    public static async Task<StreamRun> RunLayerAsync(
        ServerProcess server,
        BenchmarkOptions options,
        WriteFlags writeFlags,
        CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.GrpcPort}");
        using var call = channel.DuplexStreaming(
            TestServiceMethods.FullDuplexCall,
            new CallOptions
            {
                Deadline = DateTime.UtcNow + options.StreamDuration + TimeSpan.FromSeconds(60),
                CancellationToken = cancellationToken,
                WriteFlags = writeFlags,
            });
        var message = Payloads.StreamRequest;
        var stopwatch = Stopwatch.StartNew();
        long sent = 0;
        while (sent < options.StreamMessages && (sent % 1024 != 0 || stopwatch.Elapsed < options.StreamDuration))
        {
            await call.RequestStream.WriteAsync(message, cancellationToken);
            sent++;
        }

        await call.RequestStream.CompleteAsync();
        if (!await call.ResponseStream.MoveNext(cancellationToken) || call.ResponseStream.Current is null)
        {
            throw new InvalidOperationException("FullDuplexCall ended without its summary message.");
        }

        var elapsed = stopwatch.Elapsed;
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
        }

        var stats = await server.GetStatsAsync(cancellationToken);
        if (stats["stream_messages"] != sent - 1)
        {
            throw new InvalidOperationException($"Sent {sent} messages; the server read {stats["stream_messages"] + 1}.");
        }

        return new StreamRun(sent, sent / elapsed.TotalSeconds, (double)stats["stream_allocated"] / (sent - 1));
    }

    /// <summary>
    /// The ceiling: HttpClient writing the same pre-built frames, with the same flush policy, to the bare Kestrel
    /// endpoint, which drains them without the gRPC layer.
    /// </summary>
    public static async Task<StreamRun> RunBareAsync(
        ServerProcess server,
        BenchmarkOptions options,
        bool flushEach,
        CancellationToken cancellationToken)
    {
        var frame = Payloads.Frame(Payloads.StreamRequest);
        using var handler = new SocketsHttpHandler { UseProxy = false, EnableMultipleHttp2Connections = true };
        using var client = new HttpMessageInvoker(handler);
        var content = new FrameStreamContent(frame, options.StreamMessages, options.StreamDuration, flushEach);
        content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{server.BarePort}{BenchmarkServers.StreamPath}"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        var stopwatch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        var elapsed = stopwatch.Elapsed;

        var stats = await server.GetStatsAsync(cancellationToken);
        if (stats["stream_messages"] != content.Sent * frame.Length)
        {
            throw new InvalidOperationException($"Sent {content.Sent * frame.Length} bytes; the server read {stats["stream_messages"]}.");
        }

        return new StreamRun(content.Sent, content.Sent / elapsed.TotalSeconds, (double)stats["stream_allocated"] / content.Sent);
    }

    private sealed class FrameStreamContent(byte[] frame, long count, TimeSpan duration, bool flushEach) : HttpContent
    {
        public long Sent { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var stopwatch = Stopwatch.StartNew();
            while (Sent < count && (Sent % 1024 != 0 || stopwatch.Elapsed < duration))
            {
                await stream.WriteAsync(frame, cancellationToken);
                if (flushEach)
                {
                    await stream.FlushAsync(cancellationToken);
                }

                Sent++;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
