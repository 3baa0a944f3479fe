using Google.Protobuf;
using Grpc.Testing;

namespace Telemetry.Grpc.Tests.Interop;

/// <summary>The interop test cases (grpc/grpc doc/interop-test-descriptions.md) run by the project's client.</summary>
public sealed class InteropClient(GrpcChannel channel)
{
    private const string SpecialStatusMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";

    public Task RunAsync(string testCase, CancellationToken cancellationToken) => testCase switch
    {
        "empty_unary" => EmptyUnaryAsync(cancellationToken),
        "large_unary" => LargeUnaryAsync(cancellationToken),
        "client_compressed_unary" => ClientCompressedUnaryAsync(cancellationToken),
        "server_compressed_unary" => ServerCompressedUnaryAsync(cancellationToken),
        "client_streaming" => ClientStreamingAsync(cancellationToken),
        "client_compressed_streaming" => ClientCompressedStreamingAsync(cancellationToken),
        "server_streaming" => ServerStreamingAsync(cancellationToken),
        "server_compressed_streaming" => ServerCompressedStreamingAsync(cancellationToken),
        "ping_pong" => PingPongAsync(cancellationToken),
        "empty_stream" => EmptyStreamAsync(cancellationToken),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServerAsync(cancellationToken),
        "cancel_after_begin" => CancelAfterBeginAsync(cancellationToken),
        "cancel_after_first_response" => CancelAfterFirstResponseAsync(cancellationToken),
        "custom_metadata" => CustomMetadataAsync(cancellationToken),
        "status_code_and_message" => StatusCodeAndMessageAsync(cancellationToken),
        "special_status_message" => SpecialStatusMessageAsync(cancellationToken),
        "unimplemented_method" => UnimplementedMethodAsync(cancellationToken),
        "unimplemented_service" => UnimplementedServiceAsync(cancellationToken),
        _ => throw new ArgumentException($"Unknown test case {testCase}", nameof(testCase)),
    };

    private static CallOptions Options(CancellationToken cancellationToken) => new() { CancellationToken = cancellationToken };

    private async Task EmptyUnaryAsync(CancellationToken cancellationToken)
    {
        var response = await channel.UnaryAsync(TestServiceMethods.EmptyCall, new Empty(), Options(cancellationToken));
        Assert.That(response, Is.Not.Null);
    }

    private async Task LargeUnaryAsync(CancellationToken cancellationToken)
    {
        var response = await channel.UnaryAsync(
            TestServiceMethods.UnaryCall,
            new SimpleRequest { ResponseSize = 314159, Payload = CreatePayload(271828) },
            Options(cancellationToken));
        Assert.That(response.Payload.Body.Length, Is.EqualTo(314159));
    }

    private async Task ClientCompressedUnaryAsync(CancellationToken cancellationToken)
    {
        var probe = new SimpleRequest
        {
            ExpectCompressed = new BoolValue { Value = true },
            ResponseSize = 314159,
            Payload = CreatePayload(271828),
        };
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, probe, Options(cancellationToken)));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));

        var compressed = await channel.UnaryAsync(
            TestServiceMethods.UnaryCall,
            probe,
            Options(cancellationToken) with { RequestCompression = "gzip" });
        Assert.That(compressed.Payload.Body.Length, Is.EqualTo(314159));

        var uncompressed = await channel.UnaryAsync(
            TestServiceMethods.UnaryCall,
            new SimpleRequest { ExpectCompressed = new BoolValue { Value = false }, ResponseSize = 314159, Payload = CreatePayload(271828) },
            Options(cancellationToken) with { RequestCompression = "gzip", WriteFlags = WriteFlags.NoCompress });
        Assert.That(uncompressed.Payload.Body.Length, Is.EqualTo(314159));
    }

    private async Task ServerCompressedUnaryAsync(CancellationToken cancellationToken)
    {
        foreach (var compress in new[] { true, false })
        {
            using var call = channel.UnaryCall(
                TestServiceMethods.UnaryCall,
                new SimpleRequest { ResponseCompressed = new BoolValue { Value = compress }, ResponseSize = 314159, Payload = CreatePayload(271828) },
                Options(cancellationToken));
            var response = await call;
            Assert.Multiple(() =>
            {
                Assert.That(response.Payload.Body.Length, Is.EqualTo(314159));
                Assert.That(call.Call.LastResponseCompressed, Is.EqualTo(compress));
            });
        }
    }

    private async Task ClientStreamingAsync(CancellationToken cancellationToken)
    {
        using var call = channel.ClientStreaming(TestServiceMethods.StreamingInputCall, Options(cancellationToken));
        foreach (var size in new[] { 27182, 8, 1828, 45904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = CreatePayload(size) }, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;
        Assert.That(response.AggregatedPayloadSize, Is.EqualTo(74922));
    }

    private async Task ClientCompressedStreamingAsync(CancellationToken cancellationToken)
    {
        using (var probe = channel.ClientStreaming(TestServiceMethods.StreamingInputCall, Options(cancellationToken)))
        {
            await probe.RequestStream.WriteAsync(
                new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = true }, Payload = CreatePayload(27182) },
                cancellationToken);
            await probe.RequestStream.CompleteAsync();
            var error = Assert.ThrowsAsync<RpcException>(() => probe.ResponseAsync);
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        }

        using var call = channel.ClientStreaming(
            TestServiceMethods.StreamingInputCall,
            Options(cancellationToken) with { RequestCompression = "gzip" });
        await call.RequestStream.WriteAsync(
            new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = true }, Payload = CreatePayload(27182) },
            cancellationToken);
        call.RequestStream.WriteFlags = WriteFlags.NoCompress;
        await call.RequestStream.WriteAsync(
            new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = false }, Payload = CreatePayload(45904) },
            cancellationToken);
        await call.RequestStream.CompleteAsync();
        var response = await call;
        Assert.That(response.AggregatedPayloadSize, Is.EqualTo(73086));
    }

    private async Task ServerStreamingAsync(CancellationToken cancellationToken)
    {
        var sizes = new[] { 31415, 9, 2653, 58979 };
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(sizes.Select(size => new ResponseParameters { Size = size }));
        using var call = channel.ServerStreaming(TestServiceMethods.StreamingOutputCall, request, Options(cancellationToken));
        var received = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            received.Add(response.Payload.Body.Length);
        }

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(sizes));
            Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.Ok));
        });
    }

    private async Task ServerCompressedStreamingAsync(CancellationToken cancellationToken)
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415, Compressed = new BoolValue { Value = true } });
        request.ResponseParameters.Add(new ResponseParameters { Size = 92653, Compressed = new BoolValue { Value = false } });
        using var call = channel.ServerStreaming(TestServiceMethods.StreamingOutputCall, request, Options(cancellationToken));
        var received = new List<(int Size, bool Compressed)>();
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            received.Add((call.ResponseStream.Current.Payload.Body.Length, call.Call.LastResponseCompressed));
        }

        Assert.That(received, Is.EqualTo(new[] { (31415, true), (92653, false) }));
    }

    private async Task PingPongAsync(CancellationToken cancellationToken)
    {
        using var call = channel.DuplexStreaming(TestServiceMethods.FullDuplexCall, Options(cancellationToken));
        foreach (var (requestSize, responseSize) in new[] { (27182, 31415), (8, 9), (1828, 2653), (45904, 58979) })
        {
            var request = new StreamingOutputCallRequest { Payload = CreatePayload(requestSize) };
            request.ResponseParameters.Add(new ResponseParameters { Size = responseSize });
            await call.RequestStream.WriteAsync(request, cancellationToken);
            Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);
            Assert.That(call.ResponseStream.Current.Payload.Body.Length, Is.EqualTo(responseSize));
        }

        await call.RequestStream.CompleteAsync();
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.False);
    }

    private async Task EmptyStreamAsync(CancellationToken cancellationToken)
    {
        using var call = channel.DuplexStreaming(TestServiceMethods.FullDuplexCall, Options(cancellationToken));
        await call.RequestStream.CompleteAsync();
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.False);
    }

    private async Task TimeoutOnSleepingServerAsync(CancellationToken cancellationToken)
    {
        using var call = channel.DuplexStreaming(
            TestServiceMethods.FullDuplexCall,
            Options(cancellationToken) with { Deadline = DateTime.UtcNow.AddMilliseconds(1) });
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = CreatePayload(27182) }, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            // The deadline may pass before the write: allowed by the test description.
        }

        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(cancellationToken));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
    }

    private async Task CancelAfterBeginAsync(CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = channel.ClientStreaming(TestServiceMethods.StreamingInputCall, Options(cts.Token));
        await cts.CancelAsync();
        var error = Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Cancelled));
    }

    private async Task CancelAfterFirstResponseAsync(CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = channel.DuplexStreaming(TestServiceMethods.FullDuplexCall, Options(cts.Token));
        var request = new StreamingOutputCallRequest { Payload = CreatePayload(27182) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415 });
        await call.RequestStream.WriteAsync(request, cancellationToken);
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);
        await cts.CancelAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(cancellationToken));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Cancelled));
    }

    private async Task CustomMetadataAsync(CancellationToken cancellationToken)
    {
        const string InitialKey = "x-grpc-test-echo-initial";
        const string TrailingKey = "x-grpc-test-echo-trailing-bin";
        const string InitialValue = "test_initial_metadata_value";
        byte[] trailingValue = [0xab, 0xab, 0xab];
        var options = Options(cancellationToken) with
        {
            Headers = new Metadata { { InitialKey, InitialValue }, { TrailingKey, trailingValue } },
        };

        using (var unary = channel.UnaryCall(
            TestServiceMethods.UnaryCall,
            new SimpleRequest { ResponseSize = 314159, Payload = CreatePayload(271828) },
            options))
        {
            await unary;
            var headers = await unary.ResponseHeadersAsync;
            Assert.Multiple(() =>
            {
                Assert.That(headers.GetValue(InitialKey), Is.EqualTo(InitialValue));
                Assert.That(unary.GetTrailers().GetValueBytes(TrailingKey), Is.EqualTo(trailingValue));
            });
        }

        using var duplex = channel.DuplexStreaming(TestServiceMethods.FullDuplexCall, options);
        var request = new StreamingOutputCallRequest { Payload = CreatePayload(271828) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 314159 });
        await duplex.RequestStream.WriteAsync(request, cancellationToken);
        await duplex.RequestStream.CompleteAsync();
        var duplexHeaders = await duplex.ResponseHeadersAsync;
        while (await duplex.ResponseStream.MoveNext(cancellationToken))
        {
            Assert.That(duplex.ResponseStream.Current.Payload.Body.Length, Is.EqualTo(314159));
        }

        Assert.Multiple(() =>
        {
            Assert.That(duplexHeaders.GetValue(InitialKey), Is.EqualTo(InitialValue));
            Assert.That(duplex.GetTrailers().GetValueBytes(TrailingKey), Is.EqualTo(trailingValue));
        });
    }

    private async Task StatusCodeAndMessageAsync(CancellationToken cancellationToken)
    {
        var status = new EchoStatus { Code = 2, Message = "test status message" };
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            TestServiceMethods.UnaryCall,
            new SimpleRequest { ResponseStatus = status },
            Options(cancellationToken)));
        Assert.That(error!.Status, Is.EqualTo(new Status(StatusCode.Unknown, "test status message")));

        using var duplex = channel.DuplexStreaming(TestServiceMethods.FullDuplexCall, Options(cancellationToken));
        await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = status }, cancellationToken);
        await duplex.RequestStream.CompleteAsync();
        var duplexError = Assert.ThrowsAsync<RpcException>(async () => await duplex.ResponseStream.MoveNext(cancellationToken));
        Assert.That(duplexError!.Status, Is.EqualTo(new Status(StatusCode.Unknown, "test status message")));
    }

    private async Task SpecialStatusMessageAsync(CancellationToken cancellationToken)
    {
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            TestServiceMethods.UnaryCall,
            new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = SpecialStatusMessage } },
            Options(cancellationToken)));
        Assert.That(error!.Status, Is.EqualTo(new Status(StatusCode.Unknown, SpecialStatusMessage)));
        await Task.CompletedTask;
    }

    private async Task UnimplementedMethodAsync(CancellationToken cancellationToken)
    {
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnimplementedCall, new Empty(), Options(cancellationToken)));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
        await Task.CompletedTask;
    }

    private async Task UnimplementedServiceAsync(CancellationToken cancellationToken)
    {
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnimplementedServiceCall, new Empty(), Options(cancellationToken)));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
        await Task.CompletedTask;
    }

    private static Payload CreatePayload(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };
}
