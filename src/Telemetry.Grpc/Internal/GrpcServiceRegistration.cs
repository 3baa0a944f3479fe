using Google.Protobuf.Reflection;

namespace Telemetry.Grpc.Internal;

/// <summary>A service added with <see cref="GrpcServerBuilder.AddService{TService}"/>.</summary>
internal sealed record GrpcServiceRegistration(Type ServiceType, ServiceDescriptor Descriptor);
