using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Telemetry.Grpc.Internal;

namespace Telemetry.Grpc;

/// <summary>Puts the gRPC server into the request pipeline.</summary>
public static class GrpcApplicationBuilderExtensions
{
    /// <summary>
    /// Serves every registered gRPC method. Binds the services now, so a missing handler fails at start-up. Requests
    /// for unknown paths with a gRPC content-type get UNIMPLEMENTED; other requests go on down the pipeline.
    /// </summary>
    public static IApplicationBuilder MapGrpcServer(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = app.ApplicationServices.GetRequiredService<GrpcServer>();
        if (app.ApplicationServices.GetService<HealthStatusRegistry>() is { } health)
        {
            health.AttachToLifetime(app.ApplicationServices);
        }

        return app.Use(next => context => server.DispatchAsync(context, next));
    }
}
