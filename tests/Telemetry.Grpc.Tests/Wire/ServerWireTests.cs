using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Telemetry.Grpc.Tests.Infrastructure;
using Telemetry.Grpc.Tests.TestObjects;
using Telemetry.Grpctest.V1;

namespace Telemetry.Grpc.Tests.Wire;

/// <summary>The server over real HTTP/2: framing errors, limits, status, metadata, deadlines and cancellation.</summary>
[TestFixture]
public sealed class ServerWireTests
{
    private readonly ConcurrentDictionary<string, byte> _connections = new();
    private TestHost _host = null!;
    private WireTestService _service = null!;
    private GrpcChannel _channel = null!;
    private RawHttp2 _raw = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _host = await TestHost.StartAsync(
            grpc => grpc.AddService<WireTestService>(WireTestService.Descriptor),
            configureApp: app => app.Use(async (context, next) =>
            {
                _connections.TryAdd(context.Connection.Id, 0);
                await next(context);
            }));
        _service = _host.Services.GetRequiredService<WireTestService>();
        _channel = GrpcChannel.ForAddress(_host.Address);
        _raw = new RawHttp2();
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        _raw.Dispose();
        _channel.Dispose();
        await _host.DisposeAsync();
    }

    [TestCase("application/json")]
    [TestCase("application/connect+proto")]
    [TestCase("application/grpc-web")]
    [TestCase("application/grpc-web-text")]
    [CancelAfter(5000)]
    public async Task Call_UnsupportedContentType_Returns415(string contentType, CancellationToken cancellationToken)
    {
        // Arrange
        var request = RawHttp2.CreateRequest(
            _host.Address,
            WireTestMethods.Echo.FullName,
            new ByteArrayContent(RawHttp2.Frame(0, 0, [])),
            contentType);

        // Act
        var response = await _raw.SendAsync(request, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(response.GrpcStatus, Is.EqualTo("13"));
            Assert.That(response.GrpcMessage, Does.Contain(contentType));
        });
    }

    [TestCase("application/grpc")]
    [TestCase("application/grpc+proto")]
    [TestCase("application/grpc; charset=utf-8")]
    [CancelAfter(5000)]
    public async Task Call_GrpcContentTypeVariants_AreAccepted(string contentType, CancellationToken cancellationToken)
    {
        // Arrange
        var request = RawHttp2.CreateRequest(
            _host.Address,
            WireTestMethods.Echo.FullName,
            new ByteArrayContent(RawHttp2.Frame(0, 0, [])),
            contentType);

        // Act
        var response = await _raw.SendAsync(request, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.GrpcStatus, Is.EqualTo("0"));
            Assert.That(response.Body, Is.EqualTo(RawHttp2.Frame(0, 0, [])));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Call_PrefixLargerThanMax_ReturnsResourceExhaustedBeforeBodyArrives(CancellationToken cancellationToken)
    {
        // Arrange: only the prefix of a 100 MiB message is sent and the request stays open.
        var content = new OpenRequestContent(RawHttp2.Frame(0, 100 * 1024 * 1024, []));
        var request = RawHttp2.CreateRequest(_host.Address, WireTestMethods.Echo.FullName, content);

        // Act
        RawHttp2.RawResponse response;
        try
        {
            response = await _raw.SendAsync(request, cancellationToken);
        }
        finally
        {
            content.Release();
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.GrpcStatus, Is.EqualTo("8"));
            Assert.That(response.GrpcMessage, Does.Contain("larger than max (104857600 vs. 4194304)"));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Call_CompressedFlagTwo_ReturnsInternal(CancellationToken cancellationToken)
    {
        // Arrange
        var request = RawHttp2.CreateRequest(_host.Address, WireTestMethods.Echo.FullName, new ByteArrayContent(RawHttp2.Frame(2, 0, [])));

        // Act
        var response = await _raw.SendAsync(request, cancellationToken);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("13"));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Call_CompressedFlagWithoutEncoding_ReturnsInternal(CancellationToken cancellationToken)
    {
        // Arrange
        var request = RawHttp2.CreateRequest(_host.Address, WireTestMethods.Echo.FullName, new ByteArrayContent(RawHttp2.Frame(1, 1, [0])));

        // Act
        var response = await _raw.SendAsync(request, cancellationToken);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("13"));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Call_TruncatedMessage_ReturnsInternal(CancellationToken cancellationToken)
    {
        // Arrange: the prefix announces 10 bytes, the request ends after 3.
        var request = RawHttp2.CreateRequest(_host.Address, WireTestMethods.Echo.FullName, new ByteArrayContent(RawHttp2.Frame(0, 10, [1, 2, 3])));

        // Act
        var response = await _raw.SendAsync(request, cancellationToken);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("13"));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Call_UnsupportedRequestEncoding_ReturnsUnimplementedWithAcceptEncoding(CancellationToken cancellationToken)
    {
        // Arrange
        var request = RawHttp2.CreateRequest(_host.Address, WireTestMethods.Echo.FullName, new ByteArrayContent(RawHttp2.Frame(0, 0, [])));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy");

        // Act
        var response = await _raw.SendAsync(request, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.GrpcStatus, Is.EqualTo("12"));
            Assert.That(response.Headers["grpc-accept-encoding"], Is.EqualTo("identity,gzip"));
        });
    }

    [TestCase("99999999S")]
    [TestCase("99999999H")]
    [TestCase("60S")]
    [TestCase("bogus")]
    [CancelAfter(5000)]
    public async Task Call_LongOrInvalidGrpcTimeout_Succeeds(string timeout, CancellationToken cancellationToken)
    {
        // Arrange
        var request = RawHttp2.CreateRequest(_host.Address, WireTestMethods.Echo.FullName, new ByteArrayContent(RawHttp2.Frame(0, 0, [])));
        request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);

        // Act
        var response = await _raw.SendAsync(request, cancellationToken);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("0"));
    }

    [TestCase("q6ur")]
    [TestCase("q6urqw==")]
    [TestCase("q6urqw")]
    [TestCase("q6urq6s=")]
    [TestCase("q6urq6s")]
    [CancelAfter(5000)]
    public async Task Metadata_BinaryValue_IsDecodedAndEchoedUnpadded(string wireValue, CancellationToken cancellationToken)
    {
        // Arrange
        var expected = Convert.FromBase64String(wireValue.PadRight((wireValue.Length + 3) / 4 * 4, '='));
        var request = RawHttp2.CreateRequest(_host.Address, WireTestMethods.Echo.FullName, new ByteArrayContent(RawHttp2.Frame(0, 0, [])));
        request.Headers.TryAddWithoutValidation("x-echo-data-bin", wireValue);

        // Act
        var response = await _raw.SendAsync(request, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.GrpcStatus, Is.EqualTo("0"));
            Assert.That(response.Trailers["x-echo-data-bin"], Is.EqualTo(Convert.ToBase64String(expected).TrimEnd('=')));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Metadata_AsciiAndBinary_RoundTripThroughClient(CancellationToken cancellationToken)
    {
        // Arrange
        byte[] binary = [0, 1, 2, 0xff, 0xfe];
        var headers = new Metadata { { "x-echo-text", "hello" }, { "x-echo-data-bin", binary } };

        // Act
        using var call = _channel.UnaryCall(
            WireTestMethods.Echo,
            new EchoRequest { Text = "meta" },
            new CallOptions { Headers = headers, CancellationToken = cancellationToken });
        await call;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(call.GetTrailers().GetValue("x-echo-text"), Is.EqualTo("hello"));
            Assert.That(call.GetTrailers().GetValueBytes("x-echo-data-bin"), Is.EqualTo(binary));
            Assert.That(call.GetStatus(), Is.EqualTo(Status.DefaultSuccess));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public void Call_UnknownService_ReturnsUnimplemented(CancellationToken cancellationToken)
    {
        // Arrange
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "telemetry.Missing", "Echo", EchoRequest.Parser, EchoResponse.Parser);

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(method, new EchoRequest(), new CallOptions { CancellationToken = cancellationToken }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
    }

    [Test]
    [CancelAfter(5000)]
    public void Call_UnknownMethod_ReturnsUnimplemented(CancellationToken cancellationToken)
    {
        // Arrange
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, WireTestMethods.ServiceName, "Missing", EchoRequest.Parser, EchoResponse.Parser);

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(method, new EchoRequest(), new CallOptions { CancellationToken = cancellationToken }));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
            Assert.That(error.Status.Detail, Does.Contain("Missing"));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public void Call_HandlerThrows_ReturnsUnknownWithoutInternalDetails(CancellationToken cancellationToken)
    {
        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(
            WireTestMethods.Fail,
            new EchoRequest(),
            new CallOptions { CancellationToken = cancellationToken }));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unknown));
            Assert.That(error.Status.Detail, Is.EqualTo("Exception was thrown by handler."));
            Assert.That(error.Status.Detail, Does.Not.Contain("secret"));
            Assert.That(error.Trailers.Select(t => t.ToString()), Has.None.Contains("secret"));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public void Call_RpcExceptionWithDetails_ClientReceivesDetails(CancellationToken cancellationToken)
    {
        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(
            WireTestMethods.Echo,
            new EchoRequest { Text = "details" },
            new CallOptions { CancellationToken = cancellationToken }));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(error!.Status, Is.EqualTo(new Status(StatusCode.FailedPrecondition, "with details")));
            Assert.That(error.Details, Has.Count.EqualTo(1));
            Assert.That(error.Details[0].Unpack<StringValue>().Value, Is.EqualTo("detail one"));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Call_DeadlineExpires_ReturnsDeadlineExceededAndFiresHandlerToken(CancellationToken cancellationToken)
    {
        // Arrange
        var probe = _service.CancelledProbe("deadline");
        using var call = _channel.ServerStreaming(
            WireTestMethods.Wait,
            new EchoRequest { Text = "deadline" },
            new CallOptions { Deadline = DateTime.UtcNow.AddMilliseconds(300), CancellationToken = cancellationToken });

        // Act
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(cancellationToken));
        await probe.Task.WaitAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
            Assert.That(probe.Task.IsCompletedSuccessfully, Is.True);
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Call_GrpcTimeoutHeader_ServerSendsDeadlineExceeded(CancellationToken cancellationToken)
    {
        // Arrange: a raw request with grpc-timeout and no client-side timer, so the status must come from the server.
        var probe = _service.CancelledProbe("raw-deadline");
        var message = new EchoRequest { Text = "raw-deadline" }.ToByteArray();
        var request = RawHttp2.CreateRequest(
            _host.Address,
            WireTestMethods.Wait.FullName,
            new ByteArrayContent(RawHttp2.Frame(0, (uint)message.Length, message)));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "200m");

        // Act
        var response = await _raw.SendAsync(request, cancellationToken);
        await probe.Task.WaitAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.GrpcStatus, Is.EqualTo("4"));
            Assert.That(probe.Task.IsCompletedSuccessfully, Is.True);
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Call_HandlerIgnoresToken_DeadlineExceededSentWithoutWaitingForIt(CancellationToken cancellationToken)
    {
        // Arrange: the handler waits for the test, not for its token; the status must not wait for the handler.
        var probe = _service.CancelledProbe("stubborn");
        var message = new EchoRequest { Text = "stubborn" }.ToByteArray();
        var request = RawHttp2.CreateRequest(
            _host.Address,
            WireTestMethods.Stubborn.FullName,
            new ByteArrayContent(RawHttp2.Frame(0, (uint)message.Length, message)));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "200m");

        // Act
        RawHttp2.RawResponse response;
        try
        {
            response = await _raw.SendAsync(request, cancellationToken);
            await probe.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _service.StubbornRelease.TrySetResult();
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.GrpcStatus, Is.EqualTo("4"));
            Assert.That(response.Body, Is.Empty);
            Assert.That(probe.Task.IsCompletedSuccessfully, Is.True);
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Call_ClientCancels_FiresHandlerToken(CancellationToken cancellationToken)
    {
        // Arrange
        var probe = _service.CancelledProbe("cancel");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = _channel.ServerStreaming(
            WireTestMethods.Wait,
            new EchoRequest { Text = "cancel" },
            new CallOptions { CancellationToken = cts.Token });
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);

        // Act
        await cts.CancelAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(cancellationToken));
        await probe.Task.WaitAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Cancelled));
            Assert.That(probe.Task.IsCompletedSuccessfully, Is.True);
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Call_ClientDisposesCall_FiresHandlerToken(CancellationToken cancellationToken)
    {
        // Arrange
        var probe = _service.CancelledProbe("dispose");
        var call = _channel.ServerStreaming(WireTestMethods.Wait, new EchoRequest { Text = "dispose" }, new CallOptions { CancellationToken = cancellationToken });
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);

        // Act
        call.Dispose();
        await probe.Task.WaitAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(probe.Task.IsCompletedSuccessfully, Is.True);
            Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.Cancelled));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public void Call_RequestLargerThanServerMax_ReturnsResourceExhausted(CancellationToken cancellationToken)
    {
        // Arrange
        var request = new EchoRequest { Padding = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]) };

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(WireTestMethods.Echo, request, new CallOptions { CancellationToken = cancellationToken }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Call_RequestJustBelowServerMax_Succeeds(CancellationToken cancellationToken)
    {
        // Arrange: 4 MiB in total with the padding field's tag and length.
        var request = new EchoRequest { Padding = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 5]) };

        // Act
        var response = await _channel.UnaryAsync(WireTestMethods.Echo, request, new CallOptions { CancellationToken = cancellationToken });

        // Assert
        Assert.That(response.PaddingSize, Is.EqualTo((4 * 1024 * 1024) - 5));
    }

    [Test]
    [CancelAfter(5000)]
    public void Call_ResponseLargerThanClientMax_ReturnsResourceExhausted(CancellationToken cancellationToken)
    {
        // Arrange
        using var channel = GrpcChannel.ForAddress(_host.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 16 });

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            WireTestMethods.Echo,
            new EchoRequest { Text = new string('x', 100) },
            new CallOptions { CancellationToken = cancellationToken }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    [Test]
    [CancelAfter(5000)]
    public void Call_RequestLargerThanClientSendMax_FailsLocally(CancellationToken cancellationToken)
    {
        // Arrange
        using var channel = GrpcChannel.ForAddress(_host.Address, new GrpcChannelOptions { MaxSendMessageSize = 16 });

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            WireTestMethods.Echo,
            new EchoRequest { Text = new string('x', 100) },
            new CallOptions { CancellationToken = cancellationToken }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task DuplexStreaming_ManyMessages_EchoedInOrder(CancellationToken cancellationToken)
    {
        // Arrange
        using var call = _channel.DuplexStreaming(WireTestMethods.EchoStream, new CallOptions { CancellationToken = cancellationToken });
        var reading = Task.Run(async () =>
        {
            var texts = new List<string>();
            await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                texts.Add(response.Text);
            }

            return texts;
        }, cancellationToken);

        // Act
        for (var i = 0; i < 1000; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = i.ToString() }, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var received = await reading;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(Enumerable.Range(0, 1000).Select(i => i.ToString())));
            Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.Ok));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Channel_MoreCallsThanStreamLimit_OpensMoreConnections(CancellationToken cancellationToken)
    {
        // Arrange: Kestrel allows 100 concurrent streams per connection.
        const int Calls = 150;
        var service = _service;
        using var channel = GrpcChannel.ForAddress(_host.Address);
        var before = _connections.Count;
        var started = new List<AsyncServerStreamingCall<EchoResponse>>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Act
        for (var i = 0; i < Calls; i++)
        {
            started.Add(channel.ServerStreaming(WireTestMethods.Wait, new EchoRequest { Text = $"many-{i}" }, new CallOptions { CancellationToken = cts.Token }));
        }

        var firstResponses = await Task.WhenAll(started.Select(c => c.ResponseStream.MoveNext(cancellationToken).AsTask()));
        var newConnections = _connections.Count - before;
        await cts.CancelAsync();
        await Task.WhenAll(Enumerable.Range(0, Calls).Select(i => service.CancelledProbe($"many-{i}").Task)).WaitAsync(cancellationToken);
        foreach (var call in started)
        {
            call.Dispose();
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(firstResponses, Has.All.True);
            Assert.That(newConnections, Is.GreaterThanOrEqualTo(2));
        });
    }
}
