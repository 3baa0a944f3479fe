using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Telemetry.Grpc.Internal;

/// <summary><c>grpc.health.v1.Health</c> over <see cref="HealthStatusRegistry"/>.</summary>
internal sealed class HealthService(HealthStatusRegistry registry, ILogger<HealthService> logger) : IGrpcService
{
    public void Bind(ServiceBinder binder)
    {
        binder.AddUnary(HealthMethods.Check, CheckAsync);
        binder.AddServerStreaming(HealthMethods.Watch, WatchAsync);
    }

    private Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context)
    {
        if (!registry.TryGetStatus(request.Service, out var status))
        {
            throw new RpcException(new Status(StatusCode.NotFound, "Unknown service."));
        }

        return Task.FromResult(HealthStatusRegistry.Response(status));
    }

    private async Task WatchAsync(
        HealthCheckRequest request,
        IServerStreamWriter<HealthCheckResponse> responseStream,
        ServerCallContext context)
    {
        var updates = registry.Watch(request.Service);
        ServingStatus? last = null;
        try
        {
            await foreach (var status in updates.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (status != last)
                {
                    last = status;
                    await responseStream.WriteAsync(HealthStatusRegistry.Response(status), context.CancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            registry.Unwatch(request.Service, updates);
            ServerLog.HealthWatchEnded(logger, request.Service);
        }
    }
}
