namespace Telemetry.Grpc;

/// <summary>A service implementation: binds a handler to every method of its service descriptor.</summary>
public interface IGrpcService
{
    void Bind(ServiceBinder binder);
}
