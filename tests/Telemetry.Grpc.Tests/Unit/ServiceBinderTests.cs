using Telemetry.Grpc.Tests.Infrastructure;
using Telemetry.Grpc.Tests.TestObjects;
using Telemetry.Grpctest.V1;

namespace Telemetry.Grpc.Tests.Unit;

[TestFixture]
public sealed class ServiceBinderTests
{
    [Test]
    [CancelAfter(5000)]
    public void MapGrpcServer_ServiceMissingAMethod_FailsAtStartUpNamingIt(CancellationToken cancellationToken)
    {
        // Act
        var error = Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestHost.StartAsync(grpc => grpc.AddService<IncompleteService>(WireTestService.Descriptor)));

        // Assert
        Assert.That(error!.Message, Does.Contain("telemetry.grpctest.v1.WireTestService.Fail"));
    }

    [Test]
    [CancelAfter(5000)]
    public void MapGrpcServer_ServiceWithoutDescriptorMissingAMethod_FailsAtStartUpNamingIt(CancellationToken cancellationToken)
    {
        // Act: the descriptor is found from the bound methods, then checked like an explicit one.
        var error = Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestHost.StartAsync(grpc => grpc.AddService<IncompleteService>()));

        // Assert
        Assert.That(error!.Message, Does.Contain("telemetry.grpctest.v1.WireTestService.Fail"));
    }

    [Test]
    public void AddUnary_MethodOfAnotherService_Throws()
    {
        // Arrange
        var binder = new ServiceBinder(WireTestService.Descriptor);
        var foreign = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "telemetry.Other", "Echo", EchoRequest.Parser, EchoResponse.Parser);

        // Act & Assert
        Assert.That(
            () => binder.AddUnary(foreign, (request, _) => Task.FromResult(new EchoResponse())),
            Throws.InvalidOperationException.With.Message.Contains("telemetry.Other"));
    }

    [Test]
    public void AddServerStreaming_UnaryMethod_Throws()
    {
        // Arrange
        var binder = new ServiceBinder(WireTestService.Descriptor);
        var wrongShape = new Method<EchoRequest, EchoResponse>(MethodType.ServerStreaming, WireTestMethods.ServiceName, "Echo", EchoRequest.Parser, EchoResponse.Parser);

        // Act & Assert
        Assert.That(
            () => binder.AddServerStreaming(wrongShape, (_, _, _) => Task.CompletedTask),
            Throws.InvalidOperationException.With.Message.Contains("Unary"));
    }

    [Test]
    public void AddUnary_WrongMessageTypes_Throws()
    {
        // Arrange
        var binder = new ServiceBinder(WireTestService.Descriptor);
        var wrongTypes = new Method<EchoResponse, EchoRequest>(MethodType.Unary, WireTestMethods.ServiceName, "Echo", EchoResponse.Parser, EchoRequest.Parser);

        // Act & Assert
        Assert.That(
            () => binder.AddUnary(wrongTypes, (_, _) => Task.FromResult(new EchoRequest())),
            Throws.InvalidOperationException.With.Message.Contains("telemetry.grpctest.v1.EchoRequest"));
    }

    [Test]
    public void LeaveUnimplemented_UnknownMethod_Throws()
    {
        // Arrange
        var binder = new ServiceBinder(WireTestService.Descriptor);

        // Act & Assert
        Assert.That(() => binder.LeaveUnimplemented("Missing"), Throws.InvalidOperationException);
    }

    private sealed class IncompleteService : IGrpcService
    {
        public void Bind(ServiceBinder binder)
        {
            binder.AddUnary(WireTestMethods.Echo, (request, _) => Task.FromResult(new EchoResponse { Text = request.Text }));
            binder.AddDuplexStreaming(WireTestMethods.EchoStream, (_, _, _) => Task.CompletedTask);
            binder.AddServerStreaming(WireTestMethods.Wait, (_, _, _) => Task.CompletedTask);
            binder.AddUnary(WireTestMethods.Stubborn, (request, _) => Task.FromResult(new EchoResponse()));
        }
    }
}
