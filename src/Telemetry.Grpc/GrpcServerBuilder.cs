using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telemetry.Grpc.Internal;
using ProtoServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Telemetry.Grpc;

/// <summary>Adds services, health, reflection and interceptors to the gRPC server.</summary>
public sealed class GrpcServerBuilder
{
    internal GrpcServerBuilder(IServiceCollection services)
    {
        Services = services;
    }

    public IServiceCollection Services { get; }

    /// <summary>
    /// Serves <typeparamref name="TService"/>; its service descriptor is found from the methods it binds, among the
    /// generated descriptors of the assemblies holding their message types. The service is a singleton.
    /// </summary>
    public GrpcServerBuilder AddService<TService>()
        where TService : class, IGrpcService
    {
        Services.TryAddSingleton<TService>();
        Services.AddSingleton(new GrpcServiceRegistration(typeof(TService), null));
        return this;
    }

    /// <summary>
    /// Serves <typeparamref name="TService"/> as <paramref name="descriptor"/>. The service is a singleton: its
    /// <see cref="IGrpcService.Bind"/> runs once, at start-up.
    /// </summary>
    public GrpcServerBuilder AddService<TService>(ProtoServiceDescriptor descriptor)
        where TService : class, IGrpcService
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Services.TryAddSingleton<TService>();
        Services.AddSingleton(new GrpcServiceRegistration(typeof(TService), descriptor));
        return this;
    }

    /// <summary>
    /// Serves <c>grpc.health.v1.Health</c>; the application sets statuses through <see cref="HealthStatusRegistry"/>.
    /// </summary>
    public GrpcServerBuilder AddHealth()
    {
        Services.TryAddSingleton<HealthStatusRegistry>();
        return AddService<HealthService>(HealthReflection.Descriptor.Services[0]);
    }

    /// <summary>Serves <c>grpc.reflection.v1</c> and <c>grpc.reflection.v1alpha</c> server reflection.</summary>
    public GrpcServerBuilder AddReflection()
    {
        AddService<ReflectionService>(ReflectionReflection.Descriptor.Services[0]);
        return AddService<ReflectionService>(global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor.Services[0]);
    }

    /// <summary>Adds an interceptor, resolved from the service container, run around every call.</summary>
    public GrpcServerBuilder AddInterceptor<TInterceptor>()
        where TInterceptor : class, IServerInterceptor
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IServerInterceptor, TInterceptor>());
        return this;
    }
}
