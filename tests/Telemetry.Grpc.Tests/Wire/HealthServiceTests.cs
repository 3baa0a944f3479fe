using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Telemetry.Grpc.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Telemetry.Grpc.Tests.Wire;

/// <summary><c>grpc.health.v1.Health</c> over the wire; a host per test, since statuses are shared state.</summary>
[TestFixture]
public sealed class HealthServiceTests
{
    private TestHost _host = null!;
    private GrpcChannel _channel = null!;
    private HealthStatusRegistry _registry = null!;

    [SetUp]
    public async Task StartServerAsync()
    {
        _host = await TestHost.StartAsync(grpc => grpc.AddHealth());
        _channel = GrpcChannel.ForAddress(_host.Address);
        _registry = _host.Services.GetRequiredService<HealthStatusRegistry>();
    }

    [TearDown]
    public async Task StopServerAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Check_WholeServer_ReturnsServing(CancellationToken cancellationToken)
    {
        // Act
        var response = await _channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest(), new CallOptions { CancellationToken = cancellationToken });

        // Assert
        Assert.That(response.Status, Is.EqualTo(ServingStatus.Serving));
    }

    [Test]
    [CancelAfter(5000)]
    public void Check_UnregisteredService_ReturnsNotFound(CancellationToken cancellationToken)
    {
        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(
            HealthMethods.Check,
            new HealthCheckRequest { Service = "telemetry.v1.Missing" },
            new CallOptions { CancellationToken = cancellationToken }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.NotFound));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Check_StatusSetByApplication_ReturnsIt(CancellationToken cancellationToken)
    {
        // Arrange
        _registry.SetStatus("telemetry.v1.UsageIngestionService", ServingStatus.NotServing);

        // Act
        var response = await _channel.UnaryAsync(
            HealthMethods.Check,
            new HealthCheckRequest { Service = "telemetry.v1.UsageIngestionService" },
            new CallOptions { CancellationToken = cancellationToken });

        // Assert
        Assert.That(response.Status, Is.EqualTo(ServingStatus.NotServing));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Watch_StatusChanges_PushesEachChange(CancellationToken cancellationToken)
    {
        // Arrange
        const string Service = "telemetry.v1.UsageIngestionService";
        using var call = _channel.ServerStreaming(HealthMethods.Watch, new HealthCheckRequest { Service = Service }, new CallOptions { CancellationToken = cancellationToken });
        var received = new List<ServingStatus>();

        // Act
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);
        received.Add(call.ResponseStream.Current.Status);
        _registry.SetStatus(Service, ServingStatus.Serving);
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);
        received.Add(call.ResponseStream.Current.Status);
        _registry.SetStatus(Service, ServingStatus.NotServing);
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);
        received.Add(call.ResponseStream.Current.Status);

        // Assert
        Assert.That(received, Is.EqualTo(new[] { ServingStatus.ServiceUnknown, ServingStatus.Serving, ServingStatus.NotServing }));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Watch_ServerShutsDown_PushesNotServingAndEnds(CancellationToken cancellationToken)
    {
        // Arrange
        using var call = _channel.ServerStreaming(HealthMethods.Watch, new HealthCheckRequest(), new CallOptions { CancellationToken = cancellationToken });
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);
        var first = call.ResponseStream.Current.Status;

        // Act
        var stopping = _host.StopAsync();
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);
        var second = call.ResponseStream.Current.Status;
        var more = await call.ResponseStream.MoveNext(cancellationToken);
        await stopping;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(ServingStatus.Serving));
            Assert.That(second, Is.EqualTo(ServingStatus.NotServing));
            Assert.That(more, Is.False);
            Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.Ok));
        });
    }
}
