using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Telemetry.Grpc.Internal;

/// <summary>
/// The method table: binds every registered service at start-up and dispatches requests by path through a frozen
/// dictionary (no endpoint routing).
/// </summary>
internal sealed class GrpcServer
{
    private readonly FrozenDictionary<string, ServerCallHandler> _handlers;
    private readonly FrozenSet<string> _services;
    private readonly ILogger _logger;

    public GrpcServer(
        IServiceProvider services,
        IOptions<GrpcServerOptions> options,
        IEnumerable<GrpcServiceRegistration> registrations,
        IEnumerable<IServerInterceptor> interceptors,
        ILoggerFactory loggerFactory)
    {
        var value = options.Value;
        if (value.MaxReceiveMessageSize <= 0)
        {
            throw new InvalidOperationException($"{nameof(GrpcServerOptions.MaxReceiveMessageSize)} must be positive.");
        }

        if (value.MaxSendMessageSize is <= 0)
        {
            throw new InvalidOperationException($"{nameof(GrpcServerOptions.MaxSendMessageSize)} must be positive or null.");
        }

        if (value.ResponseCompression is { } compression
            && !string.Equals(compression, GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unsupported response compression '{compression}'; only gzip is supported.");
        }

        _logger = loggerFactory.CreateLogger("Telemetry.Grpc.Server");
        var runtime = new ServerRuntime(value, [.. value.Interceptors, .. interceptors], _logger);
        var resolved = new List<GrpcServiceRegistration>();
        foreach (var registration in registrations)
        {
            if (registration.Descriptor is not null)
            {
                resolved.Add(registration);
                continue;
            }

            var probe = new ServiceBinder(null);
            ((IGrpcService)services.GetRequiredService(registration.ServiceType)).Bind(probe);
            resolved.Add(registration with { Descriptor = ServiceDescriptorLocator.Find(registration.ServiceType, probe.Methods) });
        }

        Registrations = Distinct(resolved);

        var handlers = new Dictionary<string, ServerCallHandler>(StringComparer.Ordinal);
        foreach (var registration in Registrations)
        {
            var service = (IGrpcService)services.GetRequiredService(registration.ServiceType);
            var binder = new ServiceBinder(registration.Descriptor);
            service.Bind(binder);
            binder.EnsureComplete(registration.ServiceType);
            foreach (var method in binder.Methods)
            {
                handlers.Add(method.Method.FullName, method.CreateHandler(runtime));
            }
        }

        _handlers = handlers.ToFrozenDictionary(StringComparer.Ordinal);
        _services = Registrations.Select(r => r.Descriptor!.FullName).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The registered services, each once, in registration order.</summary>
    public IReadOnlyList<GrpcServiceRegistration> Registrations { get; }

    public Task DispatchAsync(HttpContext httpContext, RequestDelegate next)
    {
        var path = httpContext.Request.Path.Value;
        if (path is not null && _handlers.TryGetValue(path, out var handler))
        {
            return handler.HandleCallAsync(httpContext);
        }

        if (GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType))
        {
            WriteUnimplemented(httpContext, path ?? string.Empty);
            return Task.CompletedTask;
        }

        return next(httpContext);
    }

    private void WriteUnimplemented(HttpContext httpContext, string path)
    {
        ServerLog.UnimplementedMethod(_logger, path);
        var slash = path.LastIndexOf('/');
        var service = slash > 0 ? path[1..slash] : string.Empty;
        var message = _services.Contains(service)
            ? $"Method is unimplemented: {path}"
            : $"Service is unimplemented: {service}";
        var response = httpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = "12";
        response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(message);
    }

    private static List<GrpcServiceRegistration> Distinct(IEnumerable<GrpcServiceRegistration> registrations)
    {
        var result = new List<GrpcServiceRegistration>();
        foreach (var registration in registrations)
        {
            var existing = result.Find(r => r.Descriptor!.FullName == registration.Descriptor!.FullName);
            if (existing is null)
            {
                result.Add(registration);
            }
            else if (existing.ServiceType != registration.ServiceType)
            {
                throw new InvalidOperationException(
                    $"Service {registration.Descriptor!.FullName} is registered twice, by {existing.ServiceType.Name} and {registration.ServiceType.Name}.");
            }
        }

        return result;
    }
}
