using Telemetry.Grpc.PeerTests.Infrastructure;
using Telemetry.Grpc.PeerTests.TestObjects;
using Telemetry.Peertest.V1;

namespace Telemetry.Grpc.PeerTests;

/// <summary>
/// The project's client (<see cref="GrpcChannel"/>) against a peer server serving the same PeerTestService: the same
/// checks as <see cref="PeerClientTests"/>, the other way round.
/// </summary>
public abstract class PeerServerTests
{
    private PeerServerProcess? _server;
    private GrpcChannel? _channel;

    private protected TemporaryDirectory WorkDirectory { get; } = new();

    private GrpcChannel Channel => _channel!;

    [OneTimeSetUp]
    public async Task StartPeerServerAsync()
    {
        _server = await StartServerAsync();
        _channel = GrpcChannel.ForAddress(_server.Address);
    }

    [OneTimeTearDown]
    public async Task StopPeerServerAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        WorkDirectory.Dispose();
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Echo_Name_ReturnsNameWithSequenceOne(CancellationToken cancellationToken)
    {
        // Act
        var response = await Channel.UnaryAsync(PeerTestMethods.Echo, new EchoRequest { Name = "csharp" }, Options(cancellationToken));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Name, Is.EqualTo("csharp"), _server!.StandardError);
            Assert.That(response.Sequence, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task EchoStream_ThreeNamesPingPong_EchoesEachInOrderThenOk(CancellationToken cancellationToken)
    {
        // Arrange
        string[] names = ["a", "b", "c"];
        var received = new List<(string, int)>();
        using var call = Channel.DuplexStreaming(PeerTestMethods.EchoStream, Options(cancellationToken));

        // Act
        foreach (var name in names)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Name = name }, cancellationToken);
            Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True, $"no answer to {name}");
            received.Add((call.ResponseStream.Current.Name, call.ResponseStream.Current.Sequence));
        }

        await call.RequestStream.CompleteAsync();
        var more = await call.ResponseStream.MoveNext(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(new List<(string, int)> { ("a", 1), ("b", 2), ("c", 3) }));
            Assert.That(more, Is.False);
            Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.Ok));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public void Echo_SleepBeyondDeadline_ThrowsDeadlineExceeded(CancellationToken cancellationToken)
    {
        // Arrange
        var options = new CallOptions { Deadline = DateTime.UtcNow.AddMilliseconds(200), CancellationToken = cancellationToken };

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(PeerTestMethods.Echo, new EchoRequest { Name = "slow", SleepMs = 5000 }, options));

        // Assert
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded), error.ToString());
    }

    [Test]
    [CancelAfter(20_000)]
    public void Echo_EmptyName_ThrowsInvalidArgumentNamingTheField(CancellationToken cancellationToken)
    {
        // Act
        var error = Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(PeerTestMethods.Echo, new EchoRequest { Name = string.Empty }, Options(cancellationToken)));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), error.ToString());
            Assert.That(error.Status.Detail, Is.EqualTo("name: must not be empty"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public void Echo_UnservedService_ThrowsUnimplemented(CancellationToken cancellationToken)
    {
        // Act
        var error = Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(UnservedMethods.Echo, new EchoRequest { Name = "x" }, Options(cancellationToken)));

        // Assert
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unimplemented), error.ToString());
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Echo_EchoMetadataHeaders_ReceivesTextHeaderAndBinaryTrailer(CancellationToken cancellationToken)
    {
        // Arrange
        byte[] trailing = [0xab, 0xab, 0xab];
        var headers = new Metadata { { "x-echo-initial", "initial-value" }, { "x-echo-trailing-bin", trailing } };
        var options = Options(cancellationToken) with { Headers = headers };

        // Act
        using var call = Channel.UnaryCall(PeerTestMethods.Echo, new EchoRequest { Name = "csharp" }, options);
        var responseHeaders = await call.ResponseHeadersAsync;
        await call.ResponseAsync;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(responseHeaders.GetValue("x-echo-initial"), Is.EqualTo("initial-value"));
            Assert.That(call.GetTrailers().GetValueBytes("x-echo-trailing-bin"), Is.EqualTo(trailing));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public void Echo_SpecialStatusName_ReceivesWhitespaceAndUnicodeMessageIntact(CancellationToken cancellationToken)
    {
        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(
            PeerTestMethods.Echo,
            new EchoRequest { Name = PeerTestService.SpecialStatusName },
            Options(cancellationToken)));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unknown), error.ToString());
            Assert.That(error.Status.Detail, Is.EqualTo(PeerTestService.SpecialStatusMessage));
        });
    }

    /// <summary>Generates or builds the peer server into <see cref="WorkDirectory"/> and starts it.</summary>
    private protected abstract Task<PeerServerProcess> StartServerAsync();

    private static CallOptions Options(CancellationToken cancellationToken) =>
        new() { Deadline = DateTime.UtcNow.AddSeconds(10), CancellationToken = cancellationToken };
}
