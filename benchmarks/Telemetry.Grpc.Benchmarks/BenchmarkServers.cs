using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using Google.Protobuf;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>
/// The server process (<c>serve</c>): the gRPC layer and a bare Kestrel endpoint, each on its own HTTP/2-only port on
/// 127.0.0.1 with the same Kestrel settings. Prints <c>ready grpc=PORT bare=PORT</c> and runs until stdin closes.
/// </summary>
internal static class BenchmarkServers
{
    public const string StreamPath = "/bare/stream";
    public const string StatsPath = "/stats";

    /// <summary>Prefix of the bare paths that also do the message work: parse the request, serialize the response.</summary>
    public const string ProtobufPrefix = "/protobuf";

    private static readonly byte[] EmptyFrame = Payloads.Frame(new Empty());
    private static readonly byte[] UnaryFrame = Payloads.Frame(Payloads.UnaryResponse);

    public static async Task<int> ServeAsync()
    {
        var stats = new ServerStats { MessageParseBytes = MeasureParseBytes(), UnaryMessageWorkNanoseconds = MeasureUnaryMessageWork() };

        var grpcBuilder = CreateBuilder();
        grpcBuilder.Services.AddSingleton(stats);
        grpcBuilder.Services.AddGrpcServer().AddService<BenchmarkTestService>(TestReflection.Descriptor.Services[0]);
        await using var grpc = grpcBuilder.Build();
        grpc.MapGrpcServer();

        await using var bare = CreateBuilder().Build();
        bare.Run(context => HandleBareAsync(context, stats));

        await grpc.StartAsync();
        await bare.StartAsync();
        Console.WriteLine($"ready grpc={PortOf(grpc)} bare={PortOf(bare)}");

        // The orchestrator closes stdin to stop the servers (and dies with it if it crashes).
        await Console.In.ReadToEndAsync();
        await grpc.StopAsync();
        await bare.StopAsync();
        return 0;
    }

    private static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSockets(sockets => sockets.WaitForDataBeforeAllocatingBuffer = false);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        return builder;
    }

    /// <summary>
    /// The ceiling: a terminal handler that drains the request and answers with a pre-built gRPC frame and
    /// <c>grpc-status: 0</c>, without the gRPC layer. <see cref="StreamPath"/> drains a request stream and counts it.
    /// </summary>
    private static async Task HandleBareAsync(HttpContext context, ServerStats stats)
    {
        var path = context.Request.Path.Value;
        if (path == StatsPath)
        {
            await context.Response.WriteAsync(stats.Format());
            return;
        }

        if (path == ProtobufPrefix + StreamPath)
        {
            await HandleBareProtobufStreamAsync(context, stats);
            return;
        }

        if (path is not null && path.StartsWith(ProtobufPrefix, StringComparison.Ordinal))
        {
            await HandleBareProtobufAsync(context, path[ProtobufPrefix.Length..], stats);
            return;
        }

        var reader = context.Request.BodyReader;
        long messages = 0;
        long allocatedAtFirst = 0;
        long bytes = 0;
        var streaming = path == StreamPath;
        while (true)
        {
            var result = await reader.ReadAsync();
            bytes += result.Buffer.Length;
            if (streaming && messages++ == 0)
            {
                allocatedAtFirst = GC.GetTotalAllocatedBytes(precise: true);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        if (streaming)
        {
            // Here "messages" counts reads; the orchestrator divides by the frames it sent instead.
            stats.StreamAllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedAtFirst;
            stats.StreamMessages = bytes;
        }

        context.Response.ContentType = "application/grpc";
        context.Response.AppendTrailer("grpc-status", "0");
        stats.CountCall();
        var frame = path switch
        {
            "/grpc.testing.TestService/EmptyCall" => EmptyFrame,
            "/grpc.testing.TestService/UnaryCall" => UnaryFrame,
            _ => [],
        };
        if (frame.Length > 0)
        {
            await context.Response.BodyWriter.WriteAsync(frame);
        }
    }

    /// <summary>
    /// A second control: the bare handler plus the message work any gRPC server does (parse the request message from
    /// the body, serialize the response behind a length prefix), so the gap to the gRPC layer is the layer's own.
    /// </summary>
    private static async Task HandleBareProtobufAsync(HttpContext context, string path, ServerStats stats)
    {
        var reader = context.Request.BodyReader;
        ReadResult result;
        while (true)
        {
            result = await reader.ReadAsync();
            if (result.IsCompleted)
            {
                break;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }

        var body = result.Buffer.Slice(5);
        IMessage response = path switch
        {
            "/grpc.testing.TestService/UnaryCall" when SimpleRequest.Parser.ParseFrom(body).ResponseSize == Payloads.UnaryBodySize
                => Payloads.UnaryResponse,
            "/grpc.testing.TestService/EmptyCall" => Empty.Parser.ParseFrom(body),
            _ => throw new InvalidOperationException($"Unexpected path {path}."),
        };
        reader.AdvanceTo(result.Buffer.End);

        context.Response.ContentType = "application/grpc";
        context.Response.AppendTrailer("grpc-status", "0");
        stats.CountCall();
        var writer = context.Response.BodyWriter;
        var size = response.CalculateSize();
        var prefix = writer.GetSpan(5);
        prefix[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(prefix[1..], (uint)size);
        writer.Advance(5);
        response.WriteTo(writer);
        await writer.FlushAsync();
    }

    /// <summary>
    /// The streaming control with message work: finds each length-prefixed message in the request body and parses
    /// it, as any gRPC server must, with nothing else around it.
    /// </summary>
    private static async Task HandleBareProtobufStreamAsync(HttpContext context, ServerStats stats)
    {
        var reader = context.Request.BodyReader;
        long messages = 0;
        long allocatedAtFirst = 0;
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            while (TryTakeFrame(ref buffer, out var message))
            {
                StreamingOutputCallRequest.Parser.ParseFrom(message);
                if (messages++ == 0)
                {
                    allocatedAtFirst = GC.GetTotalAllocatedBytes(precise: true);
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        stats.StreamAllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedAtFirst;
        stats.StreamMessages = Math.Max(0, messages - 1);
        context.Response.ContentType = "application/grpc";
        context.Response.AppendTrailer("grpc-status", "0");
    }

    private static bool TryTakeFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (buffer.Length < 5)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[5];
        buffer.Slice(0, 5).CopyTo(prefix);
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (buffer.Length < 5 + length)
        {
            return false;
        }

        message = buffer.Slice(5, length);
        buffer = buffer.Slice(message.End);
        return true;
    }

    /// <summary>Bytes one parse of a streamed message allocates: the message objects' own size.</summary>
    private static long MeasureParseBytes()
    {
        const int Iterations = 10_000;
        var bytes = new ReadOnlySequence<byte>(Payloads.StreamRequest.ToByteArray());
        StreamingOutputCallRequest.Parser.ParseFrom(bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            StreamingOutputCallRequest.Parser.ParseFrom(bytes);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;
    }

    /// <summary>
    /// CPU time of the message work of one 100-byte UnaryCall, which any gRPC server does and the bare handler does
    /// not: parse the SimpleRequest, size and serialize the SimpleResponse.
    /// </summary>
    private static long MeasureUnaryMessageWork()
    {
        const int Iterations = 200_000;
        var request = new ReadOnlySequence<byte>(new SimpleRequest
        {
            ResponseSize = Payloads.UnaryBodySize,
            Payload = Payloads.UnaryResponse.Payload,
        }.ToByteArray());
        var output = new ArrayBufferWriter<byte>(4096);
        for (var round = 0; round < 2; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < Iterations; i++)
            {
                SimpleRequest.Parser.ParseFrom(request);
                output.ResetWrittenCount();
                Payloads.UnaryResponse.CalculateSize();
                Payloads.UnaryResponse.WriteTo(output);
            }

            if (round == 1)
            {
                return (long)(stopwatch.Elapsed.TotalNanoseconds / Iterations);
            }
        }

        return 0;
    }

    private static int PortOf(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reports no addresses.");
        return new Uri(addresses.Addresses.Single()).Port;
    }
}
