using Google.Protobuf.Reflection;

namespace Telemetry.Grpc.Internal;

/// <summary>A service added with <c>GrpcServerBuilder.AddService</c>.</summary>
/// <param name="ServiceType">The implementation.</param>
/// <param name="Descriptor">The descriptor, or null to find it from the bound methods.</param>
internal sealed record GrpcServiceRegistration(Type ServiceType, ServiceDescriptor? Descriptor);
