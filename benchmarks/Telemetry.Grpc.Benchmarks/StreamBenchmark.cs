using System.Diagnostics;
using System.Net;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>
/// One-way streaming: the client sends small messages on a FullDuplexCall and half-closes; the server reads them
/// all and answers once. The rate is messages over the time from the first write to the server's answer, so every
/// message counted has been read by the server.
/// </summary>
internal static class StreamBenchmark
{
    /// <summary>
    /// The project's client (<see cref="GrpcChannel"/>) against the gRPC layer; the cancellation token goes with the
    /// call and with every write, as applications pass it.
    /// </summary>
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
        var before = await server.GetStatsAsync(cancellationToken);
        var message = Payloads.StreamRequest;
        var clientAllocated = GC.GetTotalAllocatedBytes(precise: true);
        var clientCpu = ClientCpu();
        var stopwatch = Stopwatch.StartNew();
        long sent = 0;
        while (sent < options.StreamMessages && (sent % 1024 != 0 || stopwatch.Elapsed < options.StreamDuration))
        {
            await call.RequestStream.WriteAsync(message, cancellationToken);
            sent++;
        }

        clientAllocated = GC.GetTotalAllocatedBytes(precise: true) - clientAllocated;
        clientCpu = ClientCpu() - clientCpu;
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

        return new StreamRun(
            sent,
            sent / elapsed.TotalSeconds,
            (double)stats["stream_allocated"] / (sent - 1),
            (stats["cpu_us"] - before["cpu_us"]) * 1000.0 / sent,
            (double)clientAllocated / sent,
            clientCpu.TotalNanoseconds / sent);
    }

    /// <summary>
    /// The ceiling: HttpClient writing the same pre-built frames, packed into 16 KiB writes (the transport at its
    /// best), to the bare Kestrel endpoint, which drains them without the gRPC layer.
    /// </summary>
    public static Task<StreamRun> RunBareAsync(ServerProcess server, BenchmarkOptions options, CancellationToken cancellationToken) =>
        RunRawAsync(server, server.BarePort, BenchmarkServers.StreamPath, options, cancellationToken);

    /// <summary>
    /// The ceiling with message work: the same 16 KiB writes to a bare Kestrel handler that finds and parses each
    /// message, the least any gRPC server does per message.
    /// </summary>
    public static Task<StreamRun> RunBareProtobufAsync(ServerProcess server, BenchmarkOptions options, CancellationToken cancellationToken) =>
        RunRawAsync(server, server.BarePort, BenchmarkServers.ProtobufPrefix + BenchmarkServers.StreamPath, options, cancellationToken);

    /// <summary>
    /// The server's share: the same 16 KiB writes of pre-built frames into the gRPC layer's FullDuplexCall, without
    /// the project's client.
    /// </summary>
    public static Task<StreamRun> RunRawToLayerAsync(ServerProcess server, BenchmarkOptions options, CancellationToken cancellationToken) =>
        RunRawAsync(server, server.GrpcPort, TestServiceMethods.FullDuplexCall.FullName, options, cancellationToken);

    private static async Task<StreamRun> RunRawAsync(
        ServerProcess server,
        int port,
        string path,
        BenchmarkOptions options,
        CancellationToken cancellationToken)
    {
        var frame = Payloads.Frame(Payloads.StreamRequest);
        using var handler = new SocketsHttpHandler { UseProxy = false, EnableMultipleHttp2Connections = true };
        using var client = new HttpMessageInvoker(handler);
        var content = new FrameStreamContent(frame, options.StreamMessages, options.StreamDuration);
        content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{port}{path}"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        var before = await server.GetStatsAsync(cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        var elapsed = stopwatch.Elapsed;

        var stats = await server.GetStatsAsync(cancellationToken);
        var bare = path == BenchmarkServers.StreamPath;

        // The bare handler counts bytes; the others count messages after the first.
        var expected = bare ? content.Sent * frame.Length : content.Sent - 1;
        if (stats["stream_messages"] != expected)
        {
            throw new InvalidOperationException($"{path}: expected the server to count {expected}, it counted {stats["stream_messages"]}.");
        }

        return new StreamRun(
            content.Sent,
            content.Sent / elapsed.TotalSeconds,
            (double)stats["stream_allocated"] / (bare ? content.Sent : content.Sent - 1),
            (stats["cpu_us"] - before["cpu_us"]) * 1000.0 / content.Sent,
            content.ClientAllocatedBytes / content.Sent,
            content.ClientCpu.TotalNanoseconds / content.Sent);
    }

    /// <summary>CPU time of this (the client) process so far.</summary>
    private static TimeSpan ClientCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="frame"/>, as many as fit in 16 KiB per write.</summary>
    private sealed class FrameStreamContent(byte[] frame, long count, TimeSpan duration) : HttpContent
    {
        private const int WriteSize = 16 * 1024;

        public long Sent { get; private set; }

        public double ClientAllocatedBytes { get; private set; }

        public TimeSpan ClientCpu { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var framesPerWrite = WriteSize / frame.Length;
            var chunk = new byte[framesPerWrite * frame.Length];
            for (var i = 0; i < framesPerWrite; i++)
            {
                frame.CopyTo(chunk, i * frame.Length);
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = StreamBenchmark.ClientCpu();
            var stopwatch = Stopwatch.StartNew();
            while (Sent < count && stopwatch.Elapsed < duration)
            {
                var frames = (int)Math.Min(framesPerWrite, count - Sent);
                await stream.WriteAsync(chunk.AsMemory(0, frames * frame.Length), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                Sent += frames;
            }

            ClientAllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            ClientCpu = StreamBenchmark.ClientCpu() - cpu;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
